package io.github.slim4j.magics.grammar;

import io.github.slim4j.magics.MagicException;

/** A magic line that does not fit the magic's declared {@link Syntax}. */
public final class ArgumentException extends MagicException {

    public ArgumentException(String message) {
        super(message);
    }
}
