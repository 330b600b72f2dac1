package io.github.slim4j.magics.grammar;

/** A named switch without a value, such as {@code --svg} (or {@code -o}, see {@link Parameter#isNamedLabel}). */
public record Flag(String name, String description) implements Parameter {

    public Flag {
        if (!Parameter.isNamedLabel(name)) {
            throw new IllegalArgumentException("flag names are --word or -letter: " + name);
        }
    }

    public static Flag of(String name, String description) {
        return new Flag(name, description);
    }

    @Override
    public String label() {
        return name;
    }
}
