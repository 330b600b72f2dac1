package io.github.slim4j.kernel.notebook;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.slim4j.kernel.KernelIdentity;
import io.github.slim4j.kernel.exec.ExecutionOutcome;
import io.github.slim4j.kernel.exec.ExecutionOutcome.ErrorSummary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs the code cells of one notebook, in order, on one kernel, and stops at the first that fails.
 * Every code cell of the result holds only what this run produced: cells after a failure are left
 * without outputs or count, so stale outputs of an earlier run never pass for this run's.
 */
final class NotebookExecution {

    /** What a run produced, and the failure that stopped it, if any. */
    record Result(Notebook notebook, int cellsRun, Optional<CellFailure> failure) {
    }

    /** Stands in when a kernel reports an error without naming it, so the failure still reads. */
    private static final ErrorSummary UNNAMED_ERROR = new ErrorSummary("Error", "the kernel gave no details");

    private final RunOutputs outputs = new RunOutputs();
    private final Map<Integer, Integer> executionCounts = new HashMap<>();

    private NotebookExecution() {
    }

    static Result execute(Notebook notebook, KernelSession kernel) {
        NotebookExecution execution = new NotebookExecution();
        Optional<CellFailure> failure = execution.runUntilFailure(notebook.cells(), kernel);
        Notebook executed = notebook.withCells(execution.executedCells(notebook.cells()))
                .withMetadata("kernelspec", kernelspec())
                .withMetadata("language_info", new Gson().toJsonTree(kernel.languageInfo()));
        return new Result(executed, execution.executionCounts.size(), failure);
    }

    private Optional<CellFailure> runUntilFailure(List<Cell> cells, KernelSession kernel) {
        for (int index = 0; index < cells.size(); index++) {
            // A blank cell is not sent: Jupyter clients skip them too, and JShell has nothing to run.
            if (cells.get(index) instanceof Cell.Code code && !code.source().isBlank()) {
                ExecutionOutcome outcome = kernel.execute(code.source(), new CellOutputCollector(outputs, index));
                executionCounts.put(index, outcome.executionCount());
                if (!outcome.ok()) {
                    ErrorSummary error = outcome.error().orElse(UNNAMED_ERROR);
                    return Optional.of(CellFailure.of(index + 1, code.source(), error.ename(), error.evalue()));
                }
            }
        }
        return Optional.empty();
    }

    private List<Cell> executedCells(List<Cell> cells) {
        List<Cell> executed = new ArrayList<>();
        for (int index = 0; index < cells.size(); index++) {
            Integer count = executionCounts.get(index);
            executed.add(cells.get(index) instanceof Cell.Code code
                    ? code.executed(count == null ? OptionalInt.empty() : OptionalInt.of(count), outputs.of(index))
                    : cells.get(index));
        }
        return executed;
    }

    private static JsonObject kernelspec() {
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("name", KernelIdentity.KERNEL_NAME);
        kernelspec.addProperty("display_name", KernelIdentity.DISPLAY_NAME);
        kernelspec.addProperty("language", KernelIdentity.LANGUAGE);
        return kernelspec;
    }
}
