package io.github.slim4j.core.calib.inference;

import static io.github.slim4j.core.ByHand.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.ResidualCnnByHand;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestGraphs;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class GraphActivationCaptureTest {
    private static final List<String> POINTS = List.of("image", "stem", "relu", "conv", "relu2", "pool", "fc", "out");

    @Test
    void everyPointOfEveryBatchIsWhatTheGraphComputedByHandGives() {
        ComputationGraph graph = TestGraphs.residualCnn(3);
        DataSetIterator data = TestGraphs.images(10, 4, 5);
        List<String> seen = new ArrayList<>();
        List<INDArray> captured = new ArrayList<>();

        CaptureResult result = ActivationCapture.run(ModelHandle.of(graph), data, ActivationCapture.ALL_BATCHES, (point, values) -> {
            seen.add(point);
            captured.add(values.dup());
        }, ProgressListener.NONE);

        assertEquals(new CaptureResult(3, 10, true), result);
        data.reset();
        int at = 0;
        for (int batch = 0; batch < 3; batch++) {
            Map<String, INDArray> expected = ResidualCnnByHand.forward(graph, data.next().getFeatures(), Map.of()).values();
            for (String point : POINTS) {
                assertEquals(point, seen.get(at));
                assertClose(expected.get(point), captured.get(at++), point + " of batch " + batch);
            }
        }
        assertEquals(at, seen.size());
    }

    @Test
    void verticesWithoutAPointAreReadBeforeTheActivationLayerAfterThemActsInPlace() {
        ComputationGraph graph = TestGraphs.residualCnn(3);
        DataSetIterator data = TestGraphs.images(4, 4, 6);
        List<INDArray> captured = new ArrayList<>();

        ActivationCapture.runAt(ModelHandle.of(graph), List.of("bn", "add"), data, ActivationCapture.ALL_BATCHES,
                (output, values) -> captured.add(values.dup()), ProgressListener.NONE);

        data.reset();
        Map<String, INDArray> expected = ResidualCnnByHand.forward(graph, data.next().getFeatures(), Map.of()).values();
        assertClose(expected.get("bn"), captured.get(0), "bn");
        assertClose(expected.get("add"), captured.get(1), "add");
        assertTrue(expected.get("add").minNumber().doubleValue() < 0, "the sum has negative values for relu2 to clip");
    }

    @Test
    void aPointReadByALeakyReluActivationLayerIsItsPreActivationOutput() {
        ComputationGraph graph = TestGraphs.denseGraph(2);
        DataSetIterator data = TestGraphs.rows(8, 6, 8, 7);
        List<INDArray> d2 = new ArrayList<>();

        ActivationCapture.run(ModelHandle.of(graph), data, ActivationCapture.ALL_BATCHES, (point, values) -> {
            if (point.equals("d2")) {
                d2.add(values.dup());
            }
        }, ProgressListener.NONE);

        data.reset();
        INDArray x = data.next().getFeatures().castTo(DataType.DOUBLE);
        INDArray hidden = x.mmul(param(graph, "d1", "W")).addRowVector(param(graph, "d1", "b"));
        hidden = hidden.mul(hidden.gt(0).castTo(DataType.DOUBLE));
        INDArray expected = hidden.mmul(param(graph, "d2", "W")).addRowVector(param(graph, "d2", "b"));
        assertTrue(expected.minNumber().doubleValue() < -0.05, "d2 has negative values, which the leaky ReLU would shrink");
        assertClose(expected, d2.get(0), "d2");
    }

    @Test
    void theInputsPointIsTheFeaturesThemselvesAndNothingChanges() {
        ComputationGraph graph = TestGraphs.residualCnn(3);
        int[] params = bits(graph.params());
        DataSet batch = TestGraphs.images(4, 4, 8).next();
        int[] features = bits(batch.getFeatures());
        List<INDArray> inputs = new ArrayList<>();

        ActivationCapture.run(ModelHandle.of(graph), new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(List.of(batch), 4),
                ActivationCapture.ALL_BATCHES, (point, values) -> {
                    if (point.equals("image")) {
                        inputs.add(values);
                    }
                }, ProgressListener.NONE);

        assertSame(batch.getFeatures(), inputs.get(0));
        assertArrayEquals(features, bits(batch.getFeatures()));
        assertArrayEquals(params, bits(graph.params()));
    }

    @Test
    void badNamesAndGraphsThatADataSetCannotFeedAreOneLineErrors() {
        ModelHandle graph = ModelHandle.of(TestGraphs.denseGraph(2));
        Slim4jException unknown = assertThrows(Slim4jException.class, () -> ActivationCapture.runAt(graph, List.of("d9"),
                TestGraphs.rows(4, 6, 4, 1), 1, (output, values) -> { }, ProgressListener.NONE));
        assertEquals("the graph has no vertex named d9; its vertices are in, d1, d2, act, out", unknown.getMessage());

        ComputationGraph twoOutputs = new ComputationGraph(TestGraphs.denseGraph(2).getConfiguration().clone());
        twoOutputs.getConfiguration().setNetworkOutputs(new ArrayList<>(List.of("out", "d1")));
        twoOutputs.init();
        Slim4jException outputs = assertThrows(Slim4jException.class, () -> ActivationCapture.run(ModelHandle.of(twoOutputs),
                TestGraphs.rows(4, 6, 4, 1), 1, (output, values) -> { }, ProgressListener.NONE));
        assertEquals("activation capture needs a ComputationGraph with one input and one output; this one has inputs [in] and outputs "
                + "[out, d1]", outputs.getMessage());
    }

    private static INDArray param(ComputationGraph graph, String layer, String key) {
        return graph.getLayer(layer).getParam(key).castTo(DataType.DOUBLE);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5 * (1 + Math.abs(e[i])), what + " at " + i);
        }
    }
}
