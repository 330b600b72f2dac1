package io.github.slim4j.magics.grammar;

/** One thing a magic's syntax declares: a positional argument, an option with a value, or a flag. */
public sealed interface Parameter permits Positional, Option, Flag {

    /** How the parameter appears in a synopsis and in errors: {@code MODEL}, {@code --layer}. */
    String label();

    String description();
}
