package io.github.slim4j.magics.save;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.RawBits;
import io.github.slim4j.magics.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** %save and %load as a notebook uses them: what comes back shows the same tables as what was saved. */
class SaveLoadMagicsTest {
    @TempDir
    Path folder;

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("net", TestModels.mlp(3))
            .with("graph", TestModels.residualGraph(5))
            .with("data", TestModels.data(64, 16, 9));

    private Table run(String magic, String line) {
        return catalog.run(magic, List.of(line.split(" ")), notebook);
    }

    private String error(String magic, String line) {
        return assertThrows(MagicException.class, () -> run(magic, line)).getMessage();
    }

    @Test
    void aPrunedQuantizedNetworkShowsTheSameTablesAfterSavingAndLoading() throws Exception {
        run("prune", "net --sparsity 0.5");
        run("quantize", "net --bits 4 --granularity group:4");
        Path file = folder.resolve("net.safetensors");

        Table saved = run("save", "net " + file);
        run("load", "again " + file);

        MultiLayerNetwork net = (MultiLayerNetwork) notebook.variable("net");
        MultiLayerNetwork again = assertInstanceOf(MultiLayerNetwork.class, notebook.variable("again"));
        RawBits.assertIdentical(net.params(), again.params());
        assertSameCells(run("bitwidth", "net --chart none"), run("bitwidth", "again --chart none"));
        assertSameCells(run("sparsity", "net --chart none"), run("sparsity", "again --chart none"));
        assertTrue(saved.name().startsWith("net → " + file + " (" + String.format("%,d", Files.size(file)) + " bytes: tensors "), saved.name());
        assertEquals(List.of("int4:group4", "float32", "int4:group4", "float32"), saved.stringColumn("format").asList());
    }

    @Test
    void aCalibratedGraphChoosesTheSameRangesAfterLoading() {
        run("calibrate", "graph --data data --chart none");
        Path file = folder.resolve("graph.safetensors");
        run("save", "graph " + file);
        run("load", "again " + file);

        assertInstanceOf(ComputationGraph.class, notebook.variable("again"));
        assertSameCells(run("calibrate", "graph --method mse --chart none"), run("calibrate", "again --method mse --chart none"));
        assertSameCells(run("calibrate", "graph --methods --chart none"), run("calibrate", "again --methods --chart none"));
    }

    @Test
    void aPathOutsideTheAllowedFoldersIsRefusedAndNothingChanges() {
        Object before = notebook.variable("net");

        String saving = error("save", "net /etc/slim4j-net.safetensors");
        String loading = error("load", "net /etc/passwd");

        assertTrue(saving.startsWith("%save: FILE '/etc/slim4j-net.safetensors' is outside the folders slim4j may read and write ("), saving);
        assertTrue(saving.endsWith("); add its folder to SLIM4J_ALLOWED_PATHS"), saving);
        assertTrue(loading.startsWith("%load: FILE '/etc/passwd' is outside the folders"), loading);
        assertSame(before, notebook.variable("net"));
    }

    @Test
    void aCorruptFileIsRefusedInOneLineAndTheVariableKeepsItsValue() throws Exception {
        Path file = folder.resolve("net.safetensors");
        run("save", "net " + file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 1));
        Object before = notebook.variable("graph");

        String message = error("load", "graph " + file);

        assertTrue(message.startsWith("%load: '" + file + "' is not a file slim4j can read: its tensors take "), message);
        assertEquals(1, message.lines().count());
        assertSame(before, notebook.variable("graph"));
    }

    private static void assertSameCells(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        for (int i = 0; i < expected.columnCount(); i++) {
            assertEquals(expected.column(i).asList(), actual.column(i).asList(), expected.column(i).name());
        }
    }
}
