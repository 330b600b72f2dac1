package io.github.slim4j.kernel.cli;

/** A command line that cannot be run; the message is one line naming the bad argument. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
