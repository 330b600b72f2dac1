package io.github.slim4j.core.calib.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestData;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Scope;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.prune.Selection;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class SimulatedQuantizationTest {
    private static final IntegerFormat UINT8 = InferenceNetworks.affine(8, false);
    private static DataSetIterator data;
    private static MultiLayerNetwork trained;
    private static Map<String, float[]> ranges;

    @BeforeAll
    static void train() {
        data = InferenceNetworks.separable(512, 20, 64, 5);
        trained = InferenceNetworks.trainedClassifier(data);
        ranges = InferenceNetworks.ranges(ModelHandle.of(trained), data);
    }

    @Test
    void aFakeQuantLayerFollowsTheInputAndEveryHiddenLayer() {
        SimulatedNetwork simulated = SimulatedQuantization.build(ModelHandle.of(trained), InferenceNetworks.minMax(ranges, UINT8));

        assertEquals(List.of("fc1", "fc1/aq", "fc2", "fc2/aq", "out"),
                simulated.model().layers().stream().map(LayerInfo::name).toList());
        assertEquals(List.of("fc1", "fc2"), simulated.fakeQuantLayers().stream().map(FakeQuantLayer::point).toList());
        assertEquals(List.of(1, 3), simulated.fakeQuantLayers().stream().map(FakeQuantLayer::layerIndex).toList());
        Map<String, ActivationQuantization> expected = InferenceNetworks.minMax(ranges, UINT8);
        assertEquals(expected.get("fc1"), simulated.fakeQuantLayers().get(0).quantization());
        assertEquals(expected.get("input"), simulated.input().orElseThrow());
        assertEquals(simulated.input(), FakeQuantLayers.input(simulated.model()));
        assertEquals(List.of(new FloatOutput("out", "OutputLayer",
                "the output layer's values feed the loss, which takes their log, so they stay float")), simulated.inFloat());
        for (FakeQuantLayer layer : simulated.fakeQuantLayers()) {
            assertEquals(0, network(simulated).getLayer(layer.layerIndex()).numParams(), layer.name());
        }
        assertEquals(simulated.fakeQuantLayers(), FakeQuantLayers.of(simulated.model()));
        assertEquals(List.of(), FakeQuantLayers.of(ModelHandle.of(trained)));
        assertTrue(FakeQuantLayers.input(ModelHandle.of(trained)).isEmpty());
    }

    @Test
    void sixteenBitsGiveTheFloatOutputsAlmostExactly() {
        MultiLayerNetwork simulated = network(SimulatedQuantization.build(ModelHandle.of(trained),
                InferenceNetworks.minMax(ranges, InferenceNetworks.affine(16, true))));

        for (DataSet batch : batches()) {
            INDArray expected = trained.output(batch.getFeatures());
            INDArray actual = simulated.output(batch.getFeatures());
            assertTrue(expected.equalsWithEps(actual, 1e-3), "largest difference "
                    + expected.sub(actual).amaxNumber());
        }
    }

    @Test
    void eightBitActivationsLieOnTheirGridAndAccuracyHolds() {
        SimulatedNetwork simulated = SimulatedQuantization.build(ModelHandle.of(trained), InferenceNetworks.minMax(ranges, UINT8));

        for (DataSet batch : batches()) {
            List<INDArray> activations = network(simulated).feedForward(batch.getFeatures(), false);
            for (FakeQuantLayer layer : simulated.fakeQuantLayers()) {
                INDArray values = activations.get(layer.layerIndex() + 1);
                INDArray again = values.dup();
                UINT8.fakeQuantize(again, layer.quantization().qparams());
                assertArrayEquals(values.ravel().toFloatVector(), again.ravel().toFloatVector(), layer.name());
            }
            INDArray onGrid = batch.getFeatures().dup();
            UINT8.fakeQuantize(onGrid, simulated.input().orElseThrow().qparams());
            assertEquals(network(simulated).output(batch.getFeatures()), network(simulated).output(onGrid));
        }
        EvaluationResult floats = ModelEvaluator.evaluate(ModelHandle.of(trained), data, ProgressListener.NONE);
        EvaluationResult quantized = ModelEvaluator.evaluate(simulated.model(), data, ProgressListener.NONE);
        assertTrue(floats.accuracy() > 0.85, "float accuracy " + floats.accuracy());
        assertEquals(floats.accuracy(), quantized.accuracy(), 0.03);
        assertTrue(Double.isFinite(quantized.loss()));
    }

    @Test
    void theCallersFeaturesAreNotQuantized() {
        MultiLayerNetwork simulated = network(SimulatedQuantization.build(ModelHandle.of(trained), InferenceNetworks.minMax(ranges, UINT8)));
        INDArray features = batches().get(0).getFeatures();
        float[] before = features.ravel().toFloatVector();

        simulated.output(features);
        simulated.feedForward(features, false);

        assertArrayEquals(before, features.ravel().toFloatVector());
    }

    @Test
    void theOriginalIsUnchangedBitForBit() {
        MultiLayerNetwork net = InferenceNetworks.cnn();
        float[] params = net.params().toFloatVector();
        String conf = net.getLayerWiseConfigurations().toJson();
        DataSetIterator images = TestData.random(20, 64, 10, 10);

        SimulatedQuantization.build(ModelHandle.of(net), InferenceNetworks.minMax(InferenceNetworks.ranges(ModelHandle.of(net), images), UINT8));

        assertArrayEquals(params, net.params().toFloatVector());
        assertEquals(conf, net.getLayerWiseConfigurations().toJson());
    }

    @Test
    void aCnnKeepsItsPreprocessorsBehindTheInputsFakeQuantization() {
        MultiLayerNetwork net = InferenceNetworks.cnn();
        DataSetIterator images = TestData.random(20, 64, 10, 10);
        SimulatedNetwork simulated = SimulatedQuantization.build(ModelHandle.of(net),
                InferenceNetworks.minMax(InferenceNetworks.ranges(ModelHandle.of(net), images), InferenceNetworks.affine(16, true)));

        assertEquals(List.of("conv", "conv/aq", "pool", "pool/aq", "fc", "fc/aq", "out"),
                simulated.model().layers().stream().map(LayerInfo::name).toList());
        images.reset();
        INDArray features = images.next().getFeatures();
        assertTrue(net.output(features).equalsWithEps(network(simulated).output(features), 1e-3));
        EvaluationResult result = ModelEvaluator.evaluate(simulated.model(), images, ProgressListener.NONE);
        assertEquals(20, result.examples());
    }

    @Test
    void itTrainsWithStraightThroughGradients() {
        SimulatedNetwork simulated = SimulatedQuantization.build(ModelHandle.of(trained), InferenceNetworks.minMax(ranges, UINT8));
        MultiLayerNetwork net = network(simulated);
        float[] before = net.params().toFloatVector();
        DataSet batch = batches().get(0);

        net.fit(batch);

        float[] gradient = net.gradient().gradient().toFloatVector();
        for (float g : gradient) {
            assertTrue(Float.isFinite(g));
        }
        for (String layer : List.of("fc1", "fc2", "out")) {
            assertTrue(net.getLayer(layer).getGradientsViewArray().amaxNumber().doubleValue() > 0, layer);
        }
        assertNotEquals(Nd4j.create(before), Nd4j.create(net.params().toFloatVector()));
        assertTrue(Double.isFinite(net.score()));
    }

    @Test
    void weightRecordsAndMasksComeAlong() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, new PruneSpec(new Criterion.Magnitude(), new Amount.Fraction(0.5), Scope.LAYER, Selection.weights()));
        Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse("int4"), LayerFormats.none(), Selection.weights()));
        Map<String, float[]> mlpRanges = InferenceNetworks.ranges(model, TestData.random(20, 784, 10, 10));

        ModelHandle simulated = SimulatedQuantization.build(model, InferenceNetworks.minMax(mlpRanges, UINT8)).model();

        assertEquals(List.of("0_W", "1_W"), List.copyOf(Quantizations.of(simulated).keySet()));
        assertEquals(Quantizations.of(model), Quantizations.of(simulated));
        assertEquals(Masks.of(model), Masks.of(simulated));
    }

    @Test
    void pointsWithoutParametersAndUnsupportedLayersStayFloat() {
        MultiLayerNetwork lstm = InferenceNetworks.withLstm();
        Map<String, ActivationQuantization> onlyFc = Map.of("fc", new ActivationQuantization(UINT8, UINT8.qparams(-1f, 1f)));

        SimulatedNetwork simulated = SimulatedQuantization.build(ModelHandle.of(lstm), onlyFc);

        assertEquals(List.of("input", "lstm", "out"), simulated.inFloat().stream().map(FloatOutput::name).toList());
        assertEquals("no quantization parameters were given", simulated.inFloat().get(0).reason());
        assertTrue(simulated.inFloat().get(1).reason().startsWith("recurrent layers are not supported"));
        assertEquals(List.of("lstm", "fc", "fc/aq", "out"),
                simulated.model().layers().stream().map(LayerInfo::name).toList());
        INDArray sequences = Nd4j.rand(2, 3, 6);
        assertArrayEquals(lstm.output(sequences).shape(), network(simulated).output(sequences).shape());
    }

    @Test
    void itsConfigurationSurvivesDl4jJson() {
        MultiLayerNetwork net = network(SimulatedQuantization.build(ModelHandle.of(trained), InferenceNetworks.minMax(ranges, UINT8)));

        MultiLayerNetwork restored = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson()));
        restored.init(net.params().dup(), false);

        assertEquals(FakeQuantLayers.of(ModelHandle.of(net)), FakeQuantLayers.of(ModelHandle.of(restored)));
        INDArray features = batches().get(0).getFeatures();
        assertEquals(net.output(features), restored.output(features));
    }

    @Test
    void namesThatAreNoPointAreOneLineErrors() {
        ModelHandle lstm = ModelHandle.of(InferenceNetworks.withLstm());
        ActivationQuantization q = new ActivationQuantization(UINT8, UINT8.qparams(0f, 1f));

        assertEquals("the network has no quantization point named fc9; its points are input, fc, out", assertThrows(
                Slim4jException.class, () -> SimulatedQuantization.build(lstm, Map.of("fc9", q))).getMessage());
        assertTrue(assertThrows(Slim4jException.class, () -> SimulatedQuantization.build(lstm, Map.of("lstm", q))).getMessage()
                .startsWith("layer lstm has no quantization point: recurrent layers are not supported"));
        assertEquals("quantization points need a DL4J network (MultiLayerNetwork or ComputationGraph); this model is of kind INDArray",
                assertThrows(Slim4jException.class, () -> SimulatedQuantization.build(ModelHandle.of(Nd4j.ones(3)), Map.of())).getMessage());
    }

    private static MultiLayerNetwork network(SimulatedNetwork simulated) {
        return (MultiLayerNetwork) simulated.model().unwrap();
    }

    private static List<DataSet> batches() {
        data.reset();
        List<DataSet> all = new java.util.ArrayList<>();
        data.forEachRemaining(all::add);
        return all;
    }
}
