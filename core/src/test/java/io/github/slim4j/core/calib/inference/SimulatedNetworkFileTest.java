package io.github.slim4j.core.calib.inference;

import static io.github.slim4j.core.Bitwise.assertIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.slim4j.core.TestGraphs;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.store.ModelFile;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A simulated quantized network keeps its fake-quantization layers, ranges and all, through a file. */
class SimulatedNetworkFileTest {
    private static final IntegerFormat UINT8 = InferenceNetworks.affine(8, false);

    @TempDir
    Path folder;

    @Test
    void aSimulatedGraphComputesTheSameAfterLoading() {
        ComputationGraph graph = TestGraphs.residualCnn(3);
        ModelHandle model = ModelHandle.of(graph);
        Map<String, ActivationQuantization> ranges = InferenceNetworks.minMax(InferenceNetworks.ranges(model, TestGraphs.images(24, 8, 11)), UINT8);
        ComputationGraph simulated = (ComputationGraph) SimulatedQuantization.build(model, ranges).model().unwrap();
        Path file = folder.resolve("w8a8.safetensors");

        ModelFile.save(simulated, file);
        ComputationGraph loaded = assertInstanceOf(ComputationGraph.class, ModelFile.load(file));

        INDArray images = TestGraphs.images(8, 8, 5).next().getFeatures();
        assertIdentical(simulated.outputSingle(images), loaded.outputSingle(images));
        assertEquals(FakeQuantLayers.of(ModelHandle.of(simulated)).size(), FakeQuantLayers.of(ModelHandle.of(loaded)).size());
    }

    @Test
    void aSimulatedStackComputesTheSameAfterLoading() {
        MultiLayerNetwork net = InferenceNetworks.cnn();
        ModelHandle model = ModelHandle.of(net);
        var data = InferenceNetworks.separable(32, InferenceNetworks.CNN_SIDE * InferenceNetworks.CNN_SIDE, 8, 3);
        Map<String, ActivationQuantization> ranges = InferenceNetworks.minMax(InferenceNetworks.ranges(model, data), UINT8);
        MultiLayerNetwork simulated = (MultiLayerNetwork) SimulatedQuantization.build(model, ranges).model().unwrap();
        Path file = folder.resolve("w8a8-stack.safetensors");

        ModelFile.save(simulated, file);
        MultiLayerNetwork loaded = assertInstanceOf(MultiLayerNetwork.class, ModelFile.load(file));

        data.reset();
        INDArray batch = data.next().getFeatures();
        assertIdentical(simulated.output(batch), loaded.output(batch));
    }
}
