package io.github.slim4j.magics.grammar;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a syntax's named parameters relate: which exclude each other and which need others. The
 * parser checks the rules on what was typed, before reading any value, and help lists them, so
 * the rule, its error and its documentation are one declaration.
 */
public sealed interface Rule permits Rule.AtMostOne, Rule.ExactlyOne, Rule.OneOf, Rule.Requires {

    /** The broken rule's message (without the magic's name), or empty when the words keep it. */
    Optional<String> check(Map<Parameter, String> given);

    /** The rule as a sentence for {@code %help}. */
    String describe();

    /** At most one of these may be given: {@code --sparsity}, {@code --schedule}, {@code --search}. */
    record AtMostOne(List<Parameter> choices) implements Rule {
        @Override
        public Optional<String> check(Map<Parameter, String> given) {
            List<Parameter> present = choices.stream().filter(given::containsKey).toList();
            return present.size() <= 1
                    ? Optional.empty()
                    : Optional.of(present.get(0).label() + " and " + present.get(1).label() + " cannot go together; give one of " + labels(choices));
        }

        @Override
        public String describe() {
            return "Give at most one of " + labels(choices) + ".";
        }
    }

    /** When {@code when} is given, exactly one of {@code choices} must be given too. */
    record ExactlyOne(Parameter when, List<Parameter> choices) implements Rule {
        @Override
        public Optional<String> check(Map<Parameter, String> given) {
            if (!given.containsKey(when)) {
                return Optional.empty();
            }
            List<Parameter> present = choices.stream().filter(given::containsKey).toList();
            if (present.isEmpty()) {
                return Optional.of(when.label() + " needs one of " + labels(choices));
            }
            return present.size() == 1
                    ? Optional.empty()
                    : Optional.of(present.get(0).label() + " and " + present.get(1).label() + " cannot go together; give one of " + labels(choices));
        }

        @Override
        public String describe() {
            return when.label() + " needs one of " + labels(choices) + ".";
        }
    }

    /** Exactly one of these must be given, whatever else is: {@code %maven COORDINATES} or {@code %maven --list}. */
    record OneOf(List<Parameter> choices) implements Rule {
        @Override
        public Optional<String> check(Map<Parameter, String> given) {
            List<Parameter> present = choices.stream().filter(given::containsKey).toList();
            if (present.isEmpty()) {
                return Optional.of("give one of " + labels(choices));
            }
            return present.size() == 1
                    ? Optional.empty()
                    : Optional.of(present.get(0).label() + " and " + present.get(1).label() + " cannot go together; give one of " + labels(choices));
        }

        @Override
        public String describe() {
            return "Give exactly one of " + labels(choices) + ".";
        }
    }

    /**
     * When {@code when} is given, {@code needed} must be given too, with one of {@code values}
     * when there are any: {@code --schedule} needs {@code --train}; {@code --nm} needs
     * {@code --method nm}.
     */
    record Requires(Parameter when, Parameter needed, Set<String> values) implements Rule {

        public static Requires present(Parameter when, Parameter needed) {
            return new Requires(when, needed, Set.of());
        }

        public static Requires value(Parameter when, Option<String> needed, String... values) {
            return new Requires(when, needed, Set.of(values));
        }

        @Override
        public Optional<String> check(Map<Parameter, String> given) {
            if (!given.containsKey(when)) {
                return Optional.empty();
            }
            String value = given.get(needed);
            boolean kept = value != null && (values.isEmpty() || values.contains(value));
            return kept ? Optional.empty() : Optional.of(when.label() + " needs " + neededText());
        }

        @Override
        public String describe() {
            return when.label() + " needs " + neededText() + ".";
        }

        private String neededText() {
            return values.isEmpty()
                    ? needed.label()
                    : needed.label() + " " + values.stream().sorted().collect(Collectors.joining(" or "));
        }
    }

    private static String labels(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::label).collect(Collectors.joining(", "));
    }
}
