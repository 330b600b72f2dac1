package io.github.slim4j.kernel.notebook;

import io.github.slim4j.kernel.exec.OutputSink.Stream;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.github.slim4j.kernel.notebook.TestNotebooks.code;
import static io.github.slim4j.kernel.notebook.TestNotebooks.display;
import static io.github.slim4j.kernel.notebook.TestNotebooks.markdown;
import static io.github.slim4j.kernel.notebook.TestNotebooks.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Checks written notebooks with Jupyter's own nbformat package, from Debian's Python. */
class NbformatValidationTest {

    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private record Result(int exitCode, String output) {
    }

    private static Result python(String script, Path notebook) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(DEBIAN_PYTHON.toString(), "-c", script, notebook.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(process.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        return new Result(process.exitValue(), output);
    }

    @BeforeAll
    static void needsDebiansNbformat() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(DEBIAN_PYTHON), "skipped: " + DEBIAN_PYTHON + " is missing");
        assumeTrue(python("import nbformat", Path.of(".")).exitCode() == 0,
                "skipped: Python's nbformat is missing (apt-get install python3-nbformat)");
    }

    /** Every kind of output, a display update across cells, and a failing cell at the end. */
    private Path runEverything(int minor) throws IOException {
        DisplayData chart = new DisplayData("<Figure>");
        chart.putData("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        chart.putSVG("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n");
        ScriptedKernel kernel = new ScriptedKernel()
                .on("train()", sink -> {
                    sink.stream(Stream.STDOUT, "epoch 1: 50%\repoch 1: 100% ‘naïve’ <b> & \"q\"\n");
                    sink.stream(Stream.STDERR, "slow\n");
                    sink.display(display("progress 0%", "progress"));
                    sink.display(chart);
                })
                .on("redraw()", sink -> {
                    sink.display(display("draft"));
                    sink.clearOutput(true);
                    sink.stream(Stream.STDOUT, "after the clear\n");
                })
                .on("report()", sink -> {
                    sink.updateDisplay(display("progress 100%", "progress"));
                    sink.executeResult(2, display("done"));
                })
                .failOn("fail()", "MagicException", "%prune: AMOUNT must be in [0, 1]; it was 2");
        Path input = write(dir, minor, markdown("# Everything"),
                code("train()"), code("redraw()"), code("report()"), code("fail()"), code("never()"));
        Path out = dir.resolve("out-" + minor + ".ipynb");
        NotebookRunner runner = new NotebookRunner(folder -> kernel);
        assertThrows(CellFailedException.class, () -> runner.run(input, Optional.of(out), Optional.empty()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 5})
    void writtenNotebooksPassNbformatValidation(int minor) throws Exception {
        Path out = runEverything(minor);

        Result validation = python("import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", out);

        assertEquals(new Result(0, ""), validation);
    }

    @Test
    void jupyterWouldWriteTheNotebookByteForByteAsWeDid() throws Exception {
        Path out = runEverything(5);

        Result rewritten = python("import nbformat, sys;"
                + " sys.stdout.write(nbformat.writes(nbformat.read(sys.argv[1], as_version=4)) + '\\n')", out);

        assertEquals(0, rewritten.exitCode(), rewritten.output());
        assertEquals(Files.readString(out), rewritten.output());
    }
}
