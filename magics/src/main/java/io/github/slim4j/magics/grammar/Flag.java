package io.github.slim4j.magics.grammar;

/** A named switch without a value, such as {@code --svg}. */
public record Flag(String name, String description) implements Parameter {

    public Flag {
        if (!name.startsWith("--") || name.length() < 3) {
            throw new IllegalArgumentException("flag names start with --: " + name);
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
