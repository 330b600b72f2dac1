package io.github.slim4j.magics.grammar;

import java.util.ArrayList;
import java.util.List;

/** The one-line synopsis of a {@link Syntax}: {@code %model MODEL [--layer L] [--bins N]}. */
public final class Usage {

    private Usage() {
    }

    public static String synopsis(Syntax syntax) {
        List<String> parts = new ArrayList<>();
        parts.add("%" + syntax.name());
        for (Positional<?> positional : syntax.positionals()) {
            parts.add(switch (positional.arity()) {
                case ONE -> positional.metavar();
                case OPTIONAL -> "[" + positional.metavar() + "]";
                case ONE_OR_MORE -> positional.metavar() + " [" + positional.metavar() + " ...]";
                case ZERO_OR_MORE -> "[" + positional.metavar() + " ...]";
            });
        }
        for (Parameter parameter : syntax.named()) {
            parts.add(synopsis(parameter));
        }
        return String.join(" ", parts);
    }

    private static String synopsis(Parameter named) {
        if (named instanceof Option<?> option) {
            String withValue = option.name() + " " + option.type().metavar();
            return option.required() ? withValue : "[" + withValue + "]";
        }
        return "[" + named.label() + "]";
    }
}
