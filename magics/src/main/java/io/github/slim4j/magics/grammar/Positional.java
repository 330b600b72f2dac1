package io.github.slim4j.magics.grammar;

/**
 * An argument given by position, such as the model in {@code %model net}.
 *
 * @param metavar its placeholder, in capitals: {@code MODEL}
 */
public record Positional<T>(String metavar, ValueType<T> type, Arity arity, String description) implements Parameter {

    /** How many words a positional takes. Only the last positional may be optional or repeated. */
    public enum Arity { ONE, OPTIONAL, ONE_OR_MORE, ZERO_OR_MORE }

    public static <T> Positional<T> one(String metavar, ValueType<T> type, String description) {
        return new Positional<>(metavar, type, Arity.ONE, description);
    }

    public static <T> Positional<T> optional(String metavar, ValueType<T> type, String description) {
        return new Positional<>(metavar, type, Arity.OPTIONAL, description);
    }

    public static <T> Positional<T> oneOrMore(String metavar, ValueType<T> type, String description) {
        return new Positional<>(metavar, type, Arity.ONE_OR_MORE, description);
    }

    /** Any number of words, none included: for a magic whose other mode is a flag, such as {@code %maven --list}. */
    public static <T> Positional<T> zeroOrMore(String metavar, ValueType<T> type, String description) {
        return new Positional<>(metavar, type, Arity.ZERO_OR_MORE, description);
    }

    @Override
    public String label() {
        return metavar;
    }
}
