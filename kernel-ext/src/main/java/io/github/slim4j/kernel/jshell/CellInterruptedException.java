package io.github.slim4j.kernel.jshell;

/**
 * The cell was interrupted by the user. Unchecked so that it passes through the magics and the
 * notebook adapters between the interrupted snippet and the kernel without being wrapped.
 */
public final class CellInterruptedException extends RuntimeException {

    public CellInterruptedException() {
        super("Interrupted");
    }
}
