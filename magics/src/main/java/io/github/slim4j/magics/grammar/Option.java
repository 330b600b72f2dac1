package io.github.slim4j.magics.grammar;

import java.util.Optional;

/**
 * A named argument with a value: {@code --bins 40} or {@code --bins=40} (or {@code -n 40}, see
 * {@link Parameter#isNamedLabel}).
 *
 * @param name         with its dashes: {@code --bins}
 * @param defaultValue used when the option is absent; empty for none
 * @param required     whether the magic cannot run without it
 */
public record Option<T>(String name, ValueType<T> type, Optional<T> defaultValue, boolean required, String description)
        implements Parameter {

    public Option {
        if (!Parameter.isNamedLabel(name)) {
            throw new IllegalArgumentException("option names are --word or -letter: " + name);
        }
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException(name + " cannot be both required and defaulted");
        }
    }

    /** An option the magic can do without, with nothing in its place when absent. */
    public static <T> Option<T> of(String name, ValueType<T> type, String description) {
        return new Option<>(name, type, Optional.empty(), false, description);
    }

    public static <T> Option<T> withDefault(String name, ValueType<T> type, T defaultValue, String description) {
        return new Option<>(name, type, Optional.of(defaultValue), false, description);
    }

    public static <T> Option<T> required(String name, ValueType<T> type, String description) {
        return new Option<>(name, type, Optional.empty(), true, description);
    }

    @Override
    public String label() {
        return name;
    }
}
