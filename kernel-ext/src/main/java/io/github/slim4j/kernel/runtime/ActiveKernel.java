package io.github.slim4j.kernel.runtime;

/** The kernel whose cell is running, for the static helpers that snippets call. */
public final class ActiveKernel {

    private static volatile CellServices current;

    private ActiveKernel() {
    }

    /** Called by a kernel as it starts a cell. */
    public static void set(CellServices kernel) {
        current = kernel;
    }

    static CellServices get() {
        CellServices kernel = current;
        if (kernel == null) {
            throw new IllegalStateException("no slim4j kernel is running a cell; these helpers work inside the slim4j kernel only");
        }
        return kernel;
    }
}
