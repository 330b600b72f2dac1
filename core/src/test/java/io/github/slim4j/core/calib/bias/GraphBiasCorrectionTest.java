package io.github.slim4j.core.calib.bias;

import static io.github.slim4j.core.ByHand.bits;
import static io.github.slim4j.core.ByHand.fakeQuantized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.ResidualCnnByHand;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestGraphs;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.calib.ActivationCalibration;
import io.github.slim4j.core.calib.MinMax;
import io.github.slim4j.core.calib.inference.ActivationCapture;
import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.calib.inference.FakeQuantLayer;
import io.github.slim4j.core.calib.inference.SimulatedNetwork;
import io.github.slim4j.core.calib.inference.SimulatedQuantization;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class GraphBiasCorrectionTest {
    private static final List<String> CORRECTED = List.of("stem", "conv", "fc", "out");

    @Test
    void onTheCalibrationDataEveryCorrectedLayerHasTheReferencesMeanPreActivation() {
        ComputationGraph reference = TestGraphs.residualCnn(3);
        int[] referenceParams = bits(reference.params());
        ModelHandle quantized = BiasNetworks.quantizedCopy(ModelHandle.of(reference), "int3:tensor");
        ComputationGraph net = (ComputationGraph) quantized.unwrap();
        Map<String, int[]> weightsBefore = weights(net);
        DataSetIterator data = calibration();

        BiasCorrectionReport report = BiasCorrection.correct(quantized, ModelHandle.of(reference), data, ProgressListener.NONE);

        assertTrue(report.complete());
        assertEquals(CORRECTED, report.corrected().stream().map(CorrectedLayer::layer).toList());
        assertEquals(List.of(new SkippedLayer("bn", "BatchNormalization",
                "BatchNormalization layers are not corrected; corrected are dense, output and plain convolution layers")), report.skipped());
        INDArray features = features(data);
        Map<String, INDArray> expected = ResidualCnnByHand.forward(reference, features, Map.of()).preActivations();
        Map<String, INDArray> actual = ResidualCnnByHand.forward(net, features, Map.of()).preActivations();
        for (String layer : CORRECTED) {
            assertClose(channelMeans(expected.get(layer)), channelMeans(actual.get(layer)), layer);
        }
        assertTrue(report.corrected().get(0).maxCorrection() > 1e-3, report.corrected().get(0).toString());
        assertArrayEquals(referenceParams, bits(reference.params()), "the reference is unchanged bit for bit");
        weightsBefore.forEach((layer, before) -> assertArrayEquals(before, bits(net.getLayer(layer).getParam("W")), "only biases change"));
    }

    @Test
    void aSimulatedGraphIsCorrectedThroughItsFakeQuantizedActivationsAndInput() {
        ComputationGraph reference = TestGraphs.residualCnn(3);
        ModelHandle weightsQuantized = BiasNetworks.quantizedCopy(ModelHandle.of(reference), "int3:tensor");
        SimulatedNetwork simulated = SimulatedQuantization.build(weightsQuantized, minMax(weightsQuantized, calibration()));
        ComputationGraph net = (ComputationGraph) simulated.model().unwrap();
        DataSetIterator data = calibration();

        BiasCorrectionReport report = BiasCorrection.correct(simulated.model(), ModelHandle.of(reference), data, ProgressListener.NONE);

        assertEquals(CORRECTED, report.corrected().stream().map(CorrectedLayer::layer).toList());
        Map<String, DoubleUnaryOperator> atPoints = new LinkedHashMap<>();
        for (FakeQuantLayer layer : simulated.fakeQuantLayers()) {
            atPoints.put(layer.point(), x -> fakeQuantized((float) x, layer.quantization()));
        }
        INDArray features = features(data);
        Map<String, INDArray> expected = ResidualCnnByHand.forward(reference, features, Map.of()).preActivations();
        Map<String, INDArray> actual = ResidualCnnByHand.forward(net, features, atPoints).preActivations();
        for (String layer : CORRECTED) {
            assertClose(channelMeans(expected.get(layer)), channelMeans(actual.get(layer)), layer);
        }
    }

    @Test
    void aLayerBehindAPreprocessorIsCorrectedOnWhatThePreprocessorHandsIt() {
        ComputationGraph reference = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5).graphBuilder()
                .addInputs("image")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(), "image")
                .addLayer("dense", new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(TestGraphs.CLASSES)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(TestGraphs.SIDE, TestGraphs.SIDE, 1))
                .build());
        reference.init();
        assertInstanceOf(CnnToFeedForwardPreProcessor.class,
                ((LayerVertex) reference.getConfiguration().getVertices().get("dense")).getPreProcessor());
        ModelHandle quantized = BiasNetworks.quantizedCopy(ModelHandle.of(reference), "int3:tensor");
        DataSetIterator data = calibration();

        BiasCorrectionReport report = BiasCorrection.correct(quantized, ModelHandle.of(reference), data, ProgressListener.NONE);

        assertEquals(List.of("conv", "dense", "out"), report.corrected().stream().map(CorrectedLayer::layer).toList());
        INDArray features = features(data);
        assertClose(denseMean(reference, features), denseMean((ComputationGraph) quantized.unwrap(), features), "dense");
    }

    @Test
    void aReferenceOfAnotherKindIsRefusedWithTheQuantizedModelUnchanged() {
        ModelHandle quantized = BiasNetworks.quantizedCopy(ModelHandle.of(TestGraphs.residualCnn(3)), "int3:tensor");
        int[] params = bits(((ComputationGraph) quantized.unwrap()).params());

        Slim4jException error = assertThrows(Slim4jException.class, () -> BiasCorrection.correct(quantized,
                ModelHandle.of(TestNetworks.mlp()), calibration(), ProgressListener.NONE));

        assertEquals("the reference does not match the quantized model: it is a MultiLayerNetwork, the quantized model a ComputationGraph",
                error.getMessage());
        assertArrayEquals(params, bits(((ComputationGraph) quantized.unwrap()).params()));
    }

    private static DataSetIterator calibration() {
        return TestGraphs.images(60, 10, 21);
    }

    private static INDArray features(DataSetIterator data) {
        data.reset();
        List<INDArray> batches = new ArrayList<>();
        data.forEachRemaining(batch -> batches.add(batch.getFeatures()));
        return Nd4j.concat(0, batches.toArray(INDArray[]::new));
    }

    /** The dense layer's mean x·W + b, with x the convolution's output as DL4J gives it, flattened in C order. */
    private static double[] denseMean(ComputationGraph graph, INDArray features) {
        INDArray convolved = graph.feedForward(features, false).get("conv").castTo(DataType.DOUBLE);
        INDArray flat = convolved.dup('c').reshape('c', convolved.size(0), convolved.length() / convolved.size(0));
        INDArray dense = flat.mmul(graph.getLayer("dense").getParam("W").castTo(DataType.DOUBLE))
                .addRowVector(graph.getLayer("dense").getParam("b").castTo(DataType.DOUBLE));
        return dense.mean(0).toDoubleVector();
    }

    /** The mean over examples (and positions) of each channel, axis 1. */
    private static double[] channelMeans(INDArray values) {
        int[] others = values.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
        return values.castTo(DataType.DOUBLE).mean(others).toDoubleVector();
    }

    /** 8-bit min-max activation quantization of every point, as %calibrate chooses it. */
    private static Map<String, ActivationQuantization> minMax(ModelHandle model, DataSetIterator data) {
        ActivationCalibration statistics = new ActivationCalibration();
        ActivationCapture.run(model, data, ActivationCapture.ALL_BATCHES, statistics::record, ProgressListener.NONE);
        IntegerFormat format = new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor());
        return ActivationQuantization.of(statistics.report(new MinMax(), format), format);
    }

    private static Map<String, int[]> weights(ComputationGraph graph) {
        Map<String, int[]> weights = new LinkedHashMap<>();
        CORRECTED.forEach(layer -> weights.put(layer, bits(graph.getLayer(layer).getParam("W"))));
        return weights;
    }

    private static void assertClose(double[] expected, double[] actual, String layer) {
        assertEquals(expected.length, actual.length);
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], actual[c], 1e-4 * (1 + Math.abs(expected[c])), layer + " channel " + c);
        }
    }
}
