package io.github.slim4j.core.model;

import io.github.slim4j.core.Slim4jException;

/** Thrown when a value is none of the model kinds {@link ModelHandle} supports. */
public final class UnsupportedModelException extends Slim4jException {
    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String message) {
        super(message);
    }

    static UnsupportedModelException forValue(Object value) {
        String what = value == null ? "null" : "a " + value.getClass().getName();
        return because(what);
    }

    /** {@code what} names the offending value, for example "a java.lang.String". */
    static UnsupportedModelException because(String what) {
        return new UnsupportedModelException(
                "cannot use " + what + " as a model; supported: " + ModelHandle.SUPPORTED_KINDS);
    }
}
