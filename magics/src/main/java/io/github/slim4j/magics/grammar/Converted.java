package io.github.slim4j.magics.grammar;

import io.github.slim4j.core.Slim4jException;

import java.util.function.Function;

/**
 * A value whose reading lives with the domain it belongs to, such as a pruning amount
 * ({@code 0.9}, {@code 90%}, {@code 1000}) or an N:M pattern ({@code 2:4}): the engine's parser
 * does the work, and its one-line complaint becomes the argument error.
 *
 * @param allowed what the text may be, as a phrase for help and errors
 * @param read    the engine's parser; it throws {@link Slim4jException} for text it refuses
 * @param write   the value as a user would type it, for defaults in help
 * @param reason  how a refusal reads: the {@code allowed} phrase, or the engine's own complaint, for
 *                values with parts (formats, rules) where the phrase cannot say which part is wrong
 */
public record Converted<T>(String metavar, String allowed, Function<String, T> read, Function<T, String> write, Reason reason)
        implements ValueType<T> {

    /** What the error for a refused value says. */
    public enum Reason {
        /** "must be ALLOWED, got 'TEXT'". */
        ALLOWED,
        /** "'TEXT': the engine's complaint". */
        ENGINE
    }

    /** A value shown in help by its {@code toString()}, refused with the {@code allowed} phrase. */
    public Converted(String metavar, String allowed, Function<String, T> read) {
        this(metavar, allowed, read, String::valueOf, Reason.ALLOWED);
    }

    /** A value refused with the {@code allowed} phrase. */
    public Converted(String metavar, String allowed, Function<String, T> read, Function<T, String> write) {
        this(metavar, allowed, read, write, Reason.ALLOWED);
    }

    @Override
    public T parse(String text, ParseContext context) throws BadValue {
        try {
            return read.apply(text);
        } catch (Slim4jException refused) {
            throw reason == Reason.ENGINE ? new BadValue("'" + text + "': " + refused.getMessage()) : new BadValue();
        }
    }

    @Override
    public String show(T value) {
        return write.apply(value);
    }
}
