package io.github.slim4j.kernel.exec;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.Optional;

/**
 * How one execution ended. Outputs went to the {@link OutputSink} while it ran; this carries what
 * only the reply needs.
 *
 * @param executionCount the cell's number, as shown in {@code In [n]}
 * @param status         ok, or error when the cell failed (the error was already sent to the sink)
 * @param error          the error's name and one-line value when {@code status} is error
 * @param page           text to show in the pager ({@code execute_reply} payload), if any
 */
public record ExecutionOutcome(int executionCount, Status status, Optional<ErrorSummary> error, Optional<DisplayData> page) {

    public enum Status { OK, ERROR }

    public record ErrorSummary(String ename, String evalue) { }

    public boolean ok() {
        return status == Status.OK;
    }
}
