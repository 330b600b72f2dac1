package io.github.slim4j.kernel.notebook;

import java.time.Duration;

/**
 * How a successful run went. A failed run has no report: it ends in a {@link CellFailedException},
 * so a caller cannot mistake it for success.
 *
 * @param cellsRun the code cells executed (blank ones are skipped)
 * @param elapsed  wall time from reading the notebook to writing the last file
 */
public record RunReport(int cellsRun, Duration elapsed) {
}
