package io.github.slim4j.magics.grammar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the words of a magic line against a {@link Syntax}. Every error is one line that starts
 * with the magic's name and names the argument, the value and what is allowed.
 *
 * <p>Options come as {@code --name value} or {@code --name=value}, anywhere on the line; {@code --}
 * ends the options, so a later word starting with dashes is positional. A word like {@code -1} is a
 * number, not an option.
 */
public final class ArgumentParser {

    private static final Pattern NUMBER = Pattern.compile("-[0-9.].*");

    private final Syntax syntax;

    public ArgumentParser(Syntax syntax) {
        this.syntax = syntax;
    }

    public Arguments parse(List<String> words, ParseContext context) {
        Map<Parameter, String> namedText = new LinkedHashMap<>();
        List<String> positionalText = new ArrayList<>();
        split(words, namedText, positionalText);
        Map<Parameter, String> given = withGivenPositionals(namedText, positionalText);
        for (Rule rule : syntax.rules()) {
            rule.check(given).ifPresent(broken -> {
                throw error(broken + " (" + seeHelp() + ")");
            });
        }

        Map<Parameter, Object> values = new HashMap<>();
        bindPositionals(positionalText, values, context);
        bindNamed(namedText, values, context);
        return new Arguments(values);
    }

    private void split(List<String> words, Map<Parameter, String> namedText, List<String> positionalText) {
        boolean optionsEnded = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (optionsEnded || !looksLikeOption(word)) {
                positionalText.add(word);
                continue;
            }
            if (word.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int equals = word.indexOf('=');
            String label = equals < 0 ? word : word.substring(0, equals);
            Parameter parameter = syntax.named(label).orElseThrow(() -> unknownOption(label));
            String text;
            if (parameter instanceof Flag) {
                if (equals >= 0) {
                    throw error(label + " is a flag and takes no value, got '" + word.substring(equals + 1) + "'");
                }
                text = "";
            } else if (equals >= 0) {
                text = word.substring(equals + 1);
            } else if (i + 1 < words.size()) {
                text = words.get(++i);
            } else {
                Option<?> option = (Option<?>) parameter;
                throw error(label + " needs a value: " + option.type().allowed());
            }
            String earlier = namedText.putIfAbsent(parameter, text);
            if (earlier != null) {
                throw error(label + " is given twice" + (parameter instanceof Flag ? "" : " ('" + earlier + "' and '" + text + "')") + "; give it once");
            }
        }
    }

    /** What rules look at: the named parameters typed, and the positionals that got a word (its first). */
    private Map<Parameter, String> withGivenPositionals(Map<Parameter, String> namedText, List<String> positionalText) {
        Map<Parameter, String> given = new LinkedHashMap<>(namedText);
        List<Positional<?>> declared = syntax.positionals();
        for (int i = 0; i < declared.size() && i < positionalText.size(); i++) {
            given.put(declared.get(i), positionalText.get(i));
        }
        return given;
    }

    private static boolean looksLikeOption(String word) {
        return word.startsWith("-") && word.length() > 1 && !NUMBER.matcher(word).matches();
    }

    private void bindPositionals(List<String> texts, Map<Parameter, Object> values, ParseContext context) {
        List<Positional<?>> declared = syntax.positionals();
        int given = texts.size();
        for (int i = 0; i < declared.size(); i++) {
            Positional<?> positional = declared.get(i);
            switch (positional.arity()) {
                case ONE -> {
                    if (i >= given) {
                        throw missing(positional);
                    }
                    values.put(positional, convert(positional, positional.type(), texts.get(i), context));
                }
                case OPTIONAL -> {
                    if (i < given) {
                        values.put(positional, convert(positional, positional.type(), texts.get(i), context));
                    }
                }
                case ONE_OR_MORE, ZERO_OR_MORE -> {
                    if (i >= given) {
                        if (positional.arity() == Positional.Arity.ZERO_OR_MORE) {
                            return;
                        }
                        throw missing(positional);
                    }
                    List<Object> all = new ArrayList<>();
                    for (String text : texts.subList(i, given)) {
                        all.add(convert(positional, positional.type(), text, context));
                    }
                    values.put(positional, List.copyOf(all));
                    return;
                }
            }
        }
        if (given > declared.size()) {
            throw unexpected(texts.get(declared.size()));
        }
    }

    private void bindNamed(Map<Parameter, String> texts, Map<Parameter, Object> values, ParseContext context) {
        for (Parameter parameter : syntax.named()) {
            String text = texts.get(parameter);
            if (parameter instanceof Flag flag) {
                if (text != null) {
                    values.put(flag, Boolean.TRUE);
                }
            } else if (parameter instanceof Option<?> option) {
                if (text != null) {
                    values.put(option, convert(option, option.type(), text, context));
                } else if (option.required()) {
                    throw error("missing " + option.name() + ": " + option.type().allowed() + " (" + seeHelp() + ")");
                } else {
                    option.defaultValue().ifPresent(value -> values.put(option, value));
                }
            }
        }
    }

    private Object convert(Parameter parameter, ValueType<?> type, String text, ParseContext context) {
        try {
            return type.parse(text, context);
        } catch (ValueType.BadValue bad) {
            if (bad.describesItself()) {
                throw error(parameter.label() + " " + bad.getMessage());
            }
            throw error(parameter.label() + " must be " + type.allowed() + ", got '" + text + "'");
        }
    }

    private ArgumentException unknownOption(String label) {
        Optional<String> near = Suggestions.closest(label, syntax.namedLabels());
        String known = syntax.named().isEmpty()
                ? "%" + syntax.name() + " takes no options"
                : near.map(name -> "did you mean " + name + "?").orElse("options are " + String.join(", ", syntax.namedLabels()));
        return error("unknown option " + label + "; " + known + " (" + seeHelp() + ")");
    }

    private ArgumentException missing(Positional<?> positional) {
        return error("missing " + positional.metavar() + ": " + positional.type().allowed() + " (" + seeHelp() + ")");
    }

    private ArgumentException unexpected(String word) {
        List<Positional<?>> declared = syntax.positionals();
        String takes = declared.isEmpty()
                ? "takes no arguments"
                : "takes " + String.join(" ", declared.stream().map(Positional::metavar).toList());
        return error("unexpected argument '" + word + "'; %" + syntax.name() + " " + takes + " (" + seeHelp() + ")");
    }

    private String seeHelp() {
        return "see %help " + syntax.name();
    }

    private ArgumentException error(String detail) {
        return new ArgumentException("%" + syntax.name() + ": " + detail);
    }
}
