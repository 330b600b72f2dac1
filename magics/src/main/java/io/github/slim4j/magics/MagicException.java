package io.github.slim4j.magics;

/**
 * A magic could not do what was asked, for a reason the user can act on.
 *
 * <p>The message is one line that names the argument, the value and what is allowed. Kernels show
 * it alone, without a stack trace. A magic that throws this has changed nothing.
 */
public class MagicException extends RuntimeException {

    public MagicException(String message) {
        super(requireText(message));
    }

    public MagicException(String message, Throwable cause) {
        super(requireText(message), cause);
    }

    private static String requireText(String message) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a MagicException needs a message the user can read");
        }
        return message;
    }
}
