package io.github.slim4j.core.network;

import io.github.slim4j.core.Slim4jException;
import java.util.function.Supplier;

/**
 * Runs a DL4J call and rethrows whatever it throws as a one-line {@link Slim4jException} keeping the
 * cause. DL4J and ND4J signal a bad input shape with many exception types (DL4JInvalidInputException,
 * ND4JIllegalStateException, plain IllegalStateException from native ops) and messages that can run
 * to many lines, so any runtime exception counts.
 */
public final class Dl4jFailures {
    private static final int MAX_DETAIL = 300;

    private Dl4jFailures() {
    }

    /** @param task what is being done, for the message, e.g. "evaluation" */
    public static <T> T call(String task, Supplier<T> call) {
        try {
            return call.get();
        } catch (Slim4jException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Slim4jException(task + " failed on this data: " + detail(e), e);
        }
    }

    public static void run(String task, Runnable step) {
        call(task, () -> {
            step.run();
            return null;
        });
    }

    private static String detail(RuntimeException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "..." : line;
    }
}
