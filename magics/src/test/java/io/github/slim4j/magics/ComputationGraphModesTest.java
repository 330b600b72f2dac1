package io.github.slim4j.magics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.calib.Calibrations;
import io.github.slim4j.core.calib.inference.FakeQuantLayer;
import io.github.slim4j.core.calib.inference.FakeQuantLayers;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.magics.spi.MimeBundle;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/** Every mode of the magics that run a network, on a ComputationGraph variable. */
class ComputationGraphModesTest {
    private static final List<String> POINTS = List.of("input", "a", "b", "relu", "out");

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final ComputationGraph graph = TestModels.residualGraph(17);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("g", graph).with("net", TestModels.mlp(3))
            .with("train", TestModels.data(200, 20, 5)).with("val", TestModels.data(100, 25, 6))
            .with("narrow", TestModels.dataOfWidth(40, 20, 5));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private Table run(String magic, String line) {
        return catalog.run(magic, List.of(line.split(" ")), notebook);
    }

    private String error(String magic, String line) {
        return assertThrows(MagicException.class, () -> run(magic, line)).getMessage();
    }

    @Test
    void calibrationRecordsTheGraphsPointsAndChoosesAgainWithoutData() {
        int[] params = RawBits.of(graph.params());

        Table table = run("calibrate", "g --data val");

        assertEquals(POINTS, table.stringColumn("point").asList(), "sum feeds only the ReLU, whose output carries its point");
        assertTrue(Calibrations.of(ModelHandle.of(graph)).isPresent());
        assertArrayEquals(params, RawBits.of(graph.params()), "calibration reads the graph, never changes it");
        assertEquals("mse", run("calibrate", "g --method mse").stringColumn("method").get(0));
        assertEquals(POINTS.size() * 6, run("calibrate", "g --methods").rowCount());
        run("calibrate", "g --layer relu");
        assertEquals("[chart: g: relu (mse)]", notebook.displays().get(notebook.displays().size() - 1).plain());
    }

    @Test
    void theSimulatedGraphIsAGraphWithAFakeQuantLayerAfterEveryPointButTheOutput() {
        assertEquals("%quantize: --activations needs g's activation ranges; calibrate it first: %calibrate g --data ITER",
                error("quantize", "g --activations"));
        run("calibrate", "g --data val --as simulated");
        ComputationGraph simulated = assertInstanceOf(ComputationGraph.class, notebook.variable("simulated"));
        assertEquals(Optional.of(ComputationGraph.class.getName()), notebook.declaredType("simulated"));
        assertEquals(List.of("input", "a", "b", "relu"),
                FakeQuantLayers.of(ModelHandle.of(simulated)).stream().map(FakeQuantLayer::point).toList());

        Table activations = run("quantize", "g --activations --bits 4 --as w4a4");

        assertEquals(POINTS, activations.stringColumn("point").asList());
        assertEquals(List.of("input/aq", "a/aq", "b/aq", "relu/aq", ""), activations.stringColumn("fake-quantized by").asList());
        assertEquals("uint4:affine:tensor", activations.stringColumn("format").get(0));
        assertInstanceOf(ComputationGraph.class, notebook.variable("w4a4"));
        Table evaluated = run("evaluate", "w4a4 --data val");
        assertFalse(evaluated.isEmpty());
    }

    @Test
    void anUnknownPointIsOneLineListingTheGraphsPoints() {
        run("calibrate", "g --data val");
        assertEquals("%calibrate: --layer 'sum' is not a quantization point of g; points are input, a, b, relu, out",
                error("calibrate", "g --layer sum"));
        assertEquals("%calibrate: the data's features have 5 columns but the network's first layer expects nIn=12",
                error("calibrate", "g --data narrow"));
    }

    @Test
    void equalizationRescalesThePairsOfAGraphAndNamesTheBranchItCannotTake() {
        notebook.with("plain", TestModels.graph(4));
        Table plain = run("calibrate", "plain --equalize --as eq");
        assertEquals(List.of("hidden"), plain.stringColumn("layer").asList());
        assertInstanceOf(ComputationGraph.class, notebook.variable("eq"));

        int[] params = RawBits.of(graph.params());
        Table residual = run("calibrate", "g --equalize");
        assertTrue(residual.isEmpty());
        String note = notebook.displays().get(notebook.displays().size() - 1).plain();
        assertTrue(note.contains("a → b: the channels between them also reach sum"), note);
        assertArrayEquals(params, RawBits.of(graph.params()));
    }

    @Test
    void biasCorrectionAndQuantizationAwareTrainingWorkOnAGraph() {
        run("quantize", "g --bits 3 --granularity tensor --as q3 --chart none");
        ComputationGraph q3 = (ComputationGraph) notebook.variable("q3");
        int[] weights = RawBits.of(q3.getParam("a_W"));
        int[] bias = RawBits.of(q3.getParam("a_b"));

        Table corrected = run("calibrate", "q3 --bias-correction --ref g --data val");

        assertEquals(List.of("a", "b", "out"), corrected.stringColumn("layer").asList());
        assertArrayEquals(weights, RawBits.of(q3.getParam("a_W")), "only biases move");
        assertFalse(java.util.Arrays.equals(bias, RawBits.of(q3.getParam("a_b"))));
        int[] after = RawBits.of(q3.params());
        assertEquals("%calibrate: the reference does not match the quantized model: it is a MultiLayerNetwork, the quantized model a "
                + "ComputationGraph", error("calibrate", "q3 --bias-correction --ref net --data val"));
        assertArrayEquals(after, RawBits.of(q3.params()), "a failed correction changes nothing");

        Table trained = run("calibrate", "q3 --qat --train train --epochs 1");
        assertEquals(List.of("a_W", "b_W", "out_W"), trained.stringColumn("tensor").asList());
        assertEquals("%calibrate: the data's features have 5 columns but the network's first layer expects nIn=12",
                error("calibrate", "q3 --qat --train narrow"));
    }

    @Test
    void gradualPruningReachesItsSparsityOnAGraph() {
        Table table = run("prune", "g --schedule agp --final 0.5 --steps 2 --train train");

        assertEquals(0.5, TensorStats.of(graph.getParam("a_W")).sparsity(), 0.01);
        assertEquals(0.5, TensorStats.of(graph.getParam("b_W")).sparsity(), 0.01);
        assertEquals(List.of("a", "b", "out"), table.stringColumn("layer").asList().subList(0, 3));
        assertEquals("%prune: the data's features have 5 columns but the network's first layer expects nIn=12",
                error("prune", "g --schedule agp --final 0.5 --steps 2 --train narrow"));
    }

    @Test
    void theSearchPrunesAGraphToItsTarget() {
        Table table = run("prune", "g --search --data val --target 0.5");

        assertFalse(table.isEmpty());
        assertTrue(notebook.displays().stream().map(MimeBundle::plain).anyMatch(plain -> plain.contains("search path")));
        long zeros = TensorStats.of(graph.getParam("a_W")).zeros() + TensorStats.of(graph.getParam("b_W")).zeros()
                + TensorStats.of(graph.getParam("out_W")).zeros();
        assertEquals(0.5, zeros / (double) (12 * 16 + 16 * 16 + 16 * 8), 0.05);
    }

    @Test
    void sensitivityMeasuresEachLayerOfAGraphAndLeavesItAsItWas() {
        int[] params = RawBits.of(graph.params());

        Table table = run("sensitivity", "g --data val --prune 0:0.5:0.25");

        assertEquals(List.of("a", "b", "out"), table.stringColumn("layer").unique().asList());
        assertEquals(3 * 3, table.rowCount());
        assertArrayEquals(params, RawBits.of(graph.params()));
        assertEquals("%sensitivity: the data's features have 5 columns but the network's first layer expects nIn=12",
                error("sensitivity", "g --data narrow --prune 0:0.5:0.25"));
    }

}
