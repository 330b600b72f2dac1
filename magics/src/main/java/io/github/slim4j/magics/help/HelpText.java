package io.github.slim4j.magics.help;

import io.github.slim4j.magics.grammar.Flag;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Parameter;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Usage;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/** The help of one magic, derived from its {@link Syntax}: a page of text and a table of its arguments. */
final class HelpText {

    private HelpText() {
    }

    /** Markdown: the synopsis, what the magic does, and examples to copy. */
    static String page(Syntax syntax) {
        StringBuilder page = new StringBuilder();
        page.append("**%").append(syntax.name()).append("**: ").append(syntax.summary()).append("\n\n");
        page.append("```\n").append(Usage.synopsis(syntax)).append("\n```\n");
        if (!syntax.description().isBlank()) {
            page.append('\n').append(syntax.description().strip()).append('\n');
        }
        if (!syntax.rules().isEmpty()) {
            page.append('\n');
            syntax.rules().forEach(rule -> page.append("- ").append(rule.describe()).append('\n'));
        }
        if (!syntax.examples().isEmpty()) {
            page.append("\nExamples:\n\n```\n");
            syntax.examples().forEach(example -> page.append(example).append('\n'));
            page.append("```\n");
        }
        return page.toString();
    }

    /** One row per argument: how to write it, what it takes, its default, what it does. */
    static Table arguments(Syntax syntax) {
        List<Parameter> all = new ArrayList<>(syntax.positionals());
        all.addAll(syntax.named());
        StringColumn argument = StringColumn.create("argument");
        StringColumn value = StringColumn.create("value");
        StringColumn defaults = StringColumn.create("default");
        StringColumn description = StringColumn.create("description");
        for (Parameter parameter : all) {
            argument.append(parameter.label());
            value.append(allowed(parameter));
            defaults.append(defaultOf(parameter));
            description.append(parameter.description());
        }
        return Table.create("%" + syntax.name() + " arguments", argument, value, defaults, description);
    }

    private static String allowed(Parameter parameter) {
        if (parameter instanceof Positional<?> positional) {
            return positional.type().allowed();
        }
        if (parameter instanceof Option<?> option) {
            return option.type().allowed();
        }
        return "flag";
    }

    private static String defaultOf(Parameter parameter) {
        if (parameter instanceof Option<?> option) {
            return option.required() ? "required" : option.defaultValue().map(value -> show(option, value)).orElse("");
        }
        if (parameter instanceof Positional<?> positional) {
            boolean mayBeAbsent = positional.arity() == Positional.Arity.OPTIONAL || positional.arity() == Positional.Arity.ZERO_OR_MORE;
            return mayBeAbsent ? "" : "required";
        }
        return parameter instanceof Flag ? "off" : "";
    }

    // The option's own type shows its default the way the user would type it.
    @SuppressWarnings("unchecked")
    private static <T> String show(Option<T> option, Object value) {
        return option.type().show((T) value);
    }
}
