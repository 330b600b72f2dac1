package io.github.slim4j.core;

/**
 * The one exception slim4j core throws for bad input or a failed step that the user can fix.
 *
 * <p>Its message is a single line that names the argument or value at fault and what is allowed,
 * so a notebook can show it as is, without a stack trace.
 */
public class Slim4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Slim4jException(String message) {
        super(message);
    }

    public Slim4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
