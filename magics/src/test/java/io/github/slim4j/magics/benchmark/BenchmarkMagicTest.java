package io.github.slim4j.magics.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.TestModels;
import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Notebook;
import io.github.slim4j.magics.spi.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** %benchmark on the CNN exported from PyTorch, a pruned copy made in the notebook, and files. */
class BenchmarkMagicTest {
    private static final Path MODELS = Path.of("..", "models");
    private static final String QUICK = " --batch 8 --runs 3 --warmup 1 --threads 2 --chart none";

    @TempDir
    Path folder;

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", TestModels.mlp(3)).with("label", "not a model")
            .with("graph", TestModels.graph(3));

    private Table run(Notebook where, String magic, String line) {
        return catalog.run(magic, List.of(line.trim().split(" +")), where);
    }

    private Table run(String magic, String line) {
        return run(notebook, magic, line);
    }

    private String error(String line) {
        return assertThrows(MagicException.class, () -> run("benchmark", line)).getMessage();
    }

    @Test
    void notebookModelsAndFilesAreMeasuredSideBySideWithTheFirstAsBaseline() throws Exception {
        run("load", "cnn " + MODELS.resolve("cnn.onnx").toAbsolutePath());
        run("prune", "cnn --sparsity 0.9 --scope global --as pruned --chart none");
        Path mlp = MODELS.resolve("mlp.onnx").toAbsolutePath();
        Table table = run("benchmark", "cnn pruned " + mlp + QUICK);

        assertEquals(List.of("cnn", "pruned", mlp.toString()), table.stringColumn("model").asList());
        assertEquals(1.0, table.doubleColumn("speed-up").get(0));
        assertEquals("baseline", table.stringColumn("why not faster").get(0));
        assertEquals(List.of(1_117_056L, 1_117_056L), table.longColumn("MACs per example").asList().subList(0, 2));
        assertEquals(Files.size(mlp) / 1024.0, table.doubleColumn("file (KiB)").get(2), 1e-9);
        double prunedSpeedUp = table.doubleColumn("speed-up").get(1);
        String why = table.stringColumn("why not faster").get(1);
        assertEquals(prunedSpeedUp < BenchmarkTable.EXPLAINED_BELOW, why.startsWith("unstructured zeros still mean dense work: 90 %"), why + " at " + prunedSpeedUp);
        assertTrue(notebook.shown().stream().anyMatch(shown -> shown.bundle().data().get(MimeBundle.TEXT_PLAIN).contains("benchmarking pruned")));
    }

    /** The 12-16-8 network and its copy with half of the hidden units removed: 12·16 + 16·8 and 12·8 + 8·8 MACs, counted by ONNX Runtime's shapes. */
    @Test
    void aNetworkBuiltInTheNotebookIsExportedAndMeasured() {
        run("prune", "net --method l1-structured --sparsity 0.5 --remove --round-to 1 --as narrow --chart none");
        Table table = run("benchmark", "net narrow" + QUICK);
        assertEquals(List.of(320L, 160L), table.longColumn("MACs per example").asList());
        assertEquals(List.of(12 * 16 + 16 + 16 * 8 + 8L, 12 * 8 + 8 + 8 * 8 + 8L), table.longColumn("parameters").asList());
    }

    @Test
    void anInterruptKeepsTheModelsMeasuredBefore() {
        run("load", "cnn " + MODELS.resolve("cnn.onnx").toAbsolutePath());
        run("load", "second " + MODELS.resolve("cnn.onnx").toAbsolutePath());
        Notebook interrupting = new InterruptingAt("benchmarking second", notebook);
        try {
            MagicException interrupted = assertThrows(MagicException.class, () -> run(interrupting, "benchmark", "cnn second" + QUICK));
            assertEquals("%benchmark: interrupted while measuring second; the table shows the models measured before it", interrupted.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertTrue(notebook.displays().stream().anyMatch(bundle -> bundle.data().get(MimeBundle.TEXT_PLAIN).contains("ONNX Runtime, batch 8")));
    }

    @Test
    void badModelsAreRefusedBeforeAnythingRuns() {
        run("load", "cnn " + MODELS.resolve("cnn.onnx").toAbsolutePath());
        assertEquals("%benchmark: a ComputationGraph built on the JVM cannot be exported; slim4j exports MultiLayerNetworks and models "
                + "loaded from ONNX (%load)", error("cnn graph"));
        Path missing = Path.of("missing.onnx").toAbsolutePath();
        assertEquals("%benchmark: MODEL 'missing.onnx' does not exist (" + missing + "); give an .onnx file or a notebook model",
                error("cnn missing.onnx"));
        assertEquals("%benchmark: MODEL 'cnn' is given twice; name each model once", error("cnn cnn"));
        assertTrue(error("label").contains("'label' holds a String"), error("label"));
        assertTrue(error("cnn model.txt").contains("or a path to a .onnx file"), error("cnn model.txt"));
        assertTrue(error("cnn --runs 1").contains("--runs"), error("cnn --runs 1"));
        assertFalse(notebook.shown().stream().anyMatch(shown -> shown.bundle().data().get(MimeBundle.TEXT_PLAIN).contains("benchmarking")));
    }

    @Test
    void aModelOnnxRuntimeCannotRunIsNamed() throws Exception {
        Path notOnnx = Files.writeString(folder.resolve("text.onnx"), "not a model");
        String error = error(notOnnx.toString());
        assertTrue(error.startsWith("%benchmark: "), error);
        assertFalse(error.contains("\n"), error);
    }

    /** Interrupts the thread when a progress bar whose text holds {@code marker} first shows. */
    private record InterruptingAt(String marker, InMemoryNotebook inner) implements Notebook {
        @Override
        public Variable lookup(String name) {
            return inner.lookup(name);
        }

        @Override
        public void define(String name, String javaType, Object value) {
            inner.define(name, javaType, value);
        }

        @Override
        public void display(MimeBundle output, Optional<String> displayId) {
            if (output.data().get(MimeBundle.TEXT_PLAIN).contains(marker)) {
                Thread.currentThread().interrupt();
            }
            inner.display(output, displayId);
        }

        @Override
        public void updateDisplay(String displayId, MimeBundle output) {
            inner.updateDisplay(displayId, output);
        }

        @Override
        public List<String> variableNames() {
            return inner.variableNames();
        }
    }
}
