package io.github.slim4j.kernel.exec;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.List;

/**
 * Where a cell's output goes while it runs: Jupyter's iopub channel when the kernel serves a
 * frontend, or the outputs of a notebook file when the embedded runner executes one. The kernel
 * writes every output through this one seam, so both see exactly the same thing.
 */
public interface OutputSink {

    enum Stream { STDOUT, STDERR }

    void stream(Stream stream, String text);

    /** A {@code display_data}; {@code data} may carry a {@code display_id} in its transient part. */
    void display(DisplayData data);

    /** An {@code update_display_data} for the output shown earlier with the same display id. */
    void updateDisplay(DisplayData data);

    void clearOutput(boolean wait);

    void executeResult(int executionCount, DisplayData data);

    void error(String ename, String evalue, List<String> traceback);
}
