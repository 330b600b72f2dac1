package io.github.slim4j.kernel.notebook;

/**
 * A cell of the notebook failed, so the run stopped there. The message is the one line of
 * {@link CellFailure#message()}; the kernel's traceback is in the written notebook and report.
 */
public final class CellFailedException extends Exception {

    private final CellFailure failure;

    CellFailedException(CellFailure failure) {
        super(failure.message());
        this.failure = failure;
    }

    /** Which cell failed and how, for callers that want more than the message. */
    public CellFailure failure() {
        return failure;
    }
}
