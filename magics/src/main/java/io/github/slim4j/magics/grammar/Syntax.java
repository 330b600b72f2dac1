package io.github.slim4j.magics.grammar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a magic declares about how it is called. The parser, {@code %help}, {@code %lsmagic}
 * and every usage error are derived from this one value, as IPython derives them from a magic's
 * argument declarations.
 *
 * @param name        without the percent sign
 * @param summary     one line for {@code %lsmagic}
 * @param description paragraphs (Markdown) for {@code %help NAME}: what it does, defaults, why
 * @param rules       how the named parameters exclude or need each other
 * @param examples    whole magic lines a user can copy
 */
public record Syntax(String name, String summary, String description, List<Positional<?>> positionals,
                     List<Parameter> named, List<Rule> rules, List<String> examples) {

    public Syntax {
        positionals = List.copyOf(positionals);
        named = List.copyOf(named);
        rules = List.copyOf(rules);
        examples = List.copyOf(examples);
        checkPositionals(positionals);
        checkUniqueNames(positionals, named);
    }

    public static Builder builder(String name, String summary) {
        return new Builder(name, summary);
    }

    /** The option or flag with this name, as typed after the dashes are included. */
    public Optional<Parameter> named(String label) {
        return named.stream().filter(parameter -> parameter.label().equals(label)).findFirst();
    }

    public List<String> namedLabels() {
        return named.stream().map(Parameter::label).toList();
    }

    private static void checkPositionals(List<Positional<?>> positionals) {
        for (int i = 0; i < positionals.size() - 1; i++) {
            if (positionals.get(i).arity() != Positional.Arity.ONE) {
                throw new IllegalArgumentException("only the last positional may be optional or repeated: " + positionals.get(i).metavar());
            }
        }
    }

    private static void checkUniqueNames(List<Positional<?>> positionals, List<Parameter> named) {
        Set<String> seen = new HashSet<>();
        for (Parameter parameter : concat(positionals, named)) {
            if (parameter instanceof Positional<?>) {
                continue;
            }
            if (!seen.add(parameter.label())) {
                throw new IllegalArgumentException("declared twice: " + parameter.label());
            }
        }
    }

    private static List<Parameter> concat(List<Positional<?>> positionals, List<Parameter> named) {
        List<Parameter> all = new ArrayList<>(positionals);
        all.addAll(named);
        return all;
    }

    /** Declares a syntax in reading order: {@code builder(..).positional(..).option(..).build()}. */
    public static final class Builder {
        private final String name;
        private final String summary;
        private String description = "";
        private final List<Positional<?>> positionals = new ArrayList<>();
        private final List<Parameter> named = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private final List<String> examples = new ArrayList<>();

        private Builder(String name, String summary) {
            this.name = name;
            this.summary = summary;
        }

        public Builder description(String markdown) {
            this.description = markdown;
            return this;
        }

        public Builder positional(Positional<?> positional) {
            positionals.add(positional);
            return this;
        }

        public Builder option(Option<?> option) {
            named.add(option);
            return this;
        }

        public Builder flag(Flag flag) {
            named.add(flag);
            return this;
        }

        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        public Builder example(String line) {
            examples.add(line);
            return this;
        }

        public Syntax build() {
            return new Syntax(name, summary, description, positionals, named, rules, examples);
        }
    }
}
