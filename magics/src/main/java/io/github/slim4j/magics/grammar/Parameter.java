package io.github.slim4j.magics.grammar;

/** One thing a magic's syntax declares: a positional argument, an option with a value, or a flag. */
public sealed interface Parameter permits Positional, Option, Flag {

    /** How the parameter appears in a synopsis and in errors: {@code MODEL}, {@code --layer}. */
    String label();

    String description();

    /**
     * Whether a name may label an option or flag: {@code --word}, or one letter after one dash
     * ({@code -n}) for magics that keep IPython's short options, such as {@code %timeit -n 100}.
     */
    static boolean isNamedLabel(String name) {
        return name.startsWith("--") ? name.length() >= 3 : name.length() == 2 && name.charAt(0) == '-' && Character.isLetter(name.charAt(1));
    }
}
