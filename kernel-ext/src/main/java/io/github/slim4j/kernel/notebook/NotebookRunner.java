package io.github.slim4j.kernel.notebook;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a notebook from top to bottom without Jupyter or Python: {@code run NOTEBOOK.ipynb
 * [--out OUT.ipynb] [--html OUT.html]}. The cells execute in this process, on the same kernel code
 * that serves Jupyter, and their outputs are saved as Jupyter would save them.
 *
 * <ul>
 *   <li>The executed notebook ({@code out}) is nbformat 4 at the input's minor version, with the
 *       slim4j kernelspec and the kernel's language info. Every code cell holds only this run's
 *       outputs and count; blank code cells are not sent to the kernel.</li>
 *   <li>The report ({@code html}) is one self-contained page: no scripts, fonts or styles are
 *       fetched from anywhere.</li>
 *   <li>The run stops at the first failing cell with a {@link CellFailedException}. The notebook
 *       and report are written first anyway, up to and including the failed cell and its
 *       traceback: that is when the user most needs to see what happened. Cells after it are
 *       written without outputs, as not run, like papermill does.</li>
 * </ul>
 */
public final class NotebookRunner {

    /** Starts a kernel whose magics resolve relative paths in the given folder, the notebook's. */
    private final Function<Path, KernelSession> kernels;

    NotebookRunner(Function<Path, KernelSession> kernels) {
        this.kernels = kernels;
    }

    /**
     * A runner that starts a fresh slim4j kernel in this process for each notebook it runs. As
     * under Jupyter, which starts a kernel in the notebook's folder, magics read and write files
     * relative to the notebook ({@code %load m ../models/cnn.onnx}); Java code in cells still
     * sees this process's working directory, which a JVM cannot change.
     */
    public static NotebookRunner embedded() {
        return new NotebookRunner(EmbeddedKernel::start);
    }

    /**
     * Runs every code cell of {@code notebook} in order, then writes what was asked for.
     *
     * @param notebook an nbformat 4 notebook ({@code .ipynb})
     * @param out      where to write the executed notebook; it may be {@code notebook} itself
     * @param html     where to write the HTML report
     * @throws CellFailedException      a cell failed; {@code out} and {@code html} hold the run up to it
     * @throws InvalidNotebookException {@code notebook} is not an nbformat 4 notebook
     * @throws IOException              a file could not be read or written
     */
    public RunReport run(Path notebook, Optional<Path> out, Optional<Path> html)
            throws IOException, CellFailedException {
        long start = System.nanoTime();
        Notebook input = NotebookReader.read(notebook);
        NotebookExecution.Result result;
        try (KernelSession kernel = kernels.apply(notebook.toAbsolutePath().getParent())) {
            result = NotebookExecution.execute(input, kernel);
        }
        if (out.isPresent()) {
            NotebookWriter.write(result.notebook(), out.get());
        }
        if (html.isPresent()) {
            HtmlReport.write(result.notebook(), String.valueOf(notebook.getFileName()), html.get());
        }
        if (result.failure().isPresent()) {
            throw new CellFailedException(result.failure().get());
        }
        return new RunReport(result.cellsRun(), Duration.ofNanos(System.nanoTime() - start));
    }
}
