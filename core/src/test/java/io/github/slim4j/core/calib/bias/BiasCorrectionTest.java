package io.github.slim4j.core.calib.bias;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.calib.inference.ActivationCapture;
import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.calib.inference.SimulatedQuantization;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BiasCorrectionTest {
    private static final int CALIBRATION = 1000;
    private static final int ALL = 1500;
    private static DataSet mlpData;
    private static MultiLayerNetwork mlp;
    private static DataSet cnnData;
    private static MultiLayerNetwork cnn;

    @BeforeAll
    static void train() {
        mlpData = BiasNetworks.separable(ALL, 20, 1);
        mlp = BiasNetworks.mlp(BiasNetworks.batches(mlpData, 0, CALIBRATION));
        cnnData = BiasNetworks.separable(ALL, 64, 2);
        cnn = BiasNetworks.cnn(BiasNetworks.batches(cnnData, 0, CALIBRATION));
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void onTheCalibrationDataEveryCorrectedLayerHasTheReferencesMeanPreActivation() {
        ModelHandle reference = ModelHandle.of(mlp);
        float[] referenceParams = mlp.params().toFloatVector();
        ModelHandle quantized = BiasNetworks.quantizedCopy(reference, "int3:tensor");
        MultiLayerNetwork net = (MultiLayerNetwork) quantized.unwrap();
        List<float[]> weightsBefore = weights(net);

        BiasCorrectionReport report = BiasCorrection.correct(quantized, reference, calibration(mlpData), ProgressListener.NONE);

        assertTrue(report.complete());
        assertEquals(List.of("fc1", "fc2", "out"), report.corrected().stream().map(CorrectedLayer::layer).toList());
        assertEquals(List.of(16, 16, 4), report.corrected().stream().map(CorrectedLayer::channels).toList());
        assertEquals(List.of(), report.skipped());
        assertEquals(3, report.toCorrect());
        report.corrected().forEach(row -> assertTrue(row.maxCorrection() > 1e-3 && row.meanCorrection() <= row.maxCorrection(), row.toString()));
        INDArray features = calibrationFeatures(mlpData);
        for (String layer : List.of("fc1", "fc2", "out")) {
            assertClose(meanPreActivation(mlp, layer, features), meanPreActivation(net, layer, features), layer);
        }
        assertArrayEquals(referenceParams, mlp.params().toFloatVector(), "the reference is unchanged bit for bit");
        List<float[]> weightsAfter = weights(net);
        for (int i = 0; i < weightsBefore.size(); i++) {
            assertArrayEquals(weightsBefore.get(i), weightsAfter.get(i), "only biases change");
        }
    }

    @Test
    void correctionReducesTheMeanLogitErrorOnHeldOutData() {
        ModelHandle reference = ModelHandle.of(mlp);
        ModelHandle quantized = BiasNetworks.quantizedCopy(reference, "int3:tensor");
        MultiLayerNetwork net = (MultiLayerNetwork) quantized.unwrap();
        INDArray heldOut = heldOutFeatures(mlpData);
        double logitsBefore = meanLogitError(net, mlp, heldOut);

        BiasCorrection.correct(quantized, reference, calibration(mlpData), ProgressListener.NONE);

        double logitsAfter = meanLogitError(net, mlp, heldOut);
        assertTrue(logitsAfter < logitsBefore / 10, "mean logit error " + logitsBefore + " → " + logitsAfter);
    }

    @Test
    void aSimulatedQuantizedCnnIsCorrectedThroughItsFakeQuantizedActivationsAndInput() {
        ModelHandle reference = ModelHandle.of(cnn);
        ModelHandle weightsQuantized = BiasNetworks.quantizedCopy(reference, "int3:tensor");
        MultiLayerNetwork simulated = (MultiLayerNetwork) SimulatedQuantization.build(weightsQuantized, minMax(weightsQuantized, calibration(cnnData)))
                .model().unwrap();
        ModelHandle quantized = ModelHandle.of(simulated);
        INDArray heldOut = heldOutFeatures(cnnData);
        double before = meanLogitError(simulated, cnn, heldOut);
        double outputsBefore = meanOutputError(simulated, cnn, heldOut);

        BiasCorrectionReport report = BiasCorrection.correct(quantized, reference, calibration(cnnData), ProgressListener.NONE);

        assertTrue(report.complete());
        assertEquals(List.of("conv", "fc", "out"), report.corrected().stream().map(CorrectedLayer::layer).toList());
        assertEquals(List.of(), report.skipped(), "layers without parameters, the inserted ones among them, are not listed");
        INDArray features = calibrationFeatures(cnnData);
        for (String layer : List.of("conv", "fc", "out")) {
            assertClose(meanPreActivation(cnn, layer, features), meanPreActivation(simulated, layer, features), layer);
        }
        double after = meanLogitError(simulated, cnn, heldOut);
        assertTrue(after < before / 10, "mean logit error on held-out data " + before + " → " + after);
        double outputsAfter = meanOutputError(simulated, cnn, heldOut);
        assertTrue(outputsAfter < outputsBefore / 2, "mean |output difference| on held-out data " + outputsBefore + " → " + outputsAfter);
    }

    @Test
    void anInterruptKeepsTheLayersCorrectedSoFarAndLeavesTheRestAsTheyWere() {
        ModelHandle reference = ModelHandle.of(mlp);
        ModelHandle quantized = BiasNetworks.quantizedCopy(reference, "int3:tensor");
        MultiLayerNetwork net = (MultiLayerNetwork) quantized.unwrap();
        ModelHandle fullyCorrected = quantized.deepCopy();
        BiasCorrection.correct(fullyCorrected, reference, calibration(mlpData), ProgressListener.NONE);
        float[] fc2Before = net.getLayer(1).getParam("b").toFloatVector();
        float[] outBefore = net.getLayer(2).getParam("b").toFloatVector();
        List<String> reports = new ArrayList<>();

        // 10 batches a pass: the reference's, then fc1's; the interrupt comes in fc2's pass.
        BiasCorrectionReport report = BiasCorrection.correct(quantized, reference, calibration(mlpData), (done, total, detail) -> {
            reports.add(done + "/" + total + " " + detail);
            if (done == 25) {
                Thread.currentThread().interrupt();
            }
        });

        assertFalse(report.complete());
        assertEquals(List.of("fc1"), report.corrected().stream().map(CorrectedLayer::layer).toList());
        assertEquals(3, report.toCorrect());
        assertTrue(Thread.currentThread().isInterrupted());
        assertArrayEquals(((MultiLayerNetwork) fullyCorrected.unwrap()).getLayer(0).getParam("b").toFloatVector(),
                net.getLayer(0).getParam("b").toFloatVector(), "fc1 is corrected as a whole run corrects it");
        assertArrayEquals(fc2Before, net.getLayer(1).getParam("b").toFloatVector());
        assertArrayEquals(outBefore, net.getLayer(2).getParam("b").toFloatVector());
        assertEquals(25, reports.size());
        assertEquals("1/-1 reference, batch 1", reports.get(0));
        assertEquals("11/-1 layer fc1 (1/3), batch 1", reports.get(10));
        assertEquals("25/-1 layer fc2 (2/3), batch 5", reports.get(24));
    }

    @Test
    void mismatchedNetworksAreRefusedWithTheFirstDifferenceAndTheQuantizedModelUnchanged() {
        ModelHandle quantized = BiasNetworks.quantizedCopy(ModelHandle.of(mlp), "int3:tensor");
        float[] params = ((MultiLayerNetwork) quantized.unwrap()).params().toFloatVector();
        MultiLayerNetwork narrower = denseNetwork(20, 8);

        Slim4jException shapes = assertThrows(Slim4jException.class,
                () -> BiasCorrection.correct(quantized, ModelHandle.of(narrower), calibration(mlpData), ProgressListener.NONE));
        Slim4jException same = assertThrows(Slim4jException.class,
                () -> BiasCorrection.correct(quantized, quantized, calibration(mlpData), ProgressListener.NONE));
        Slim4jException tensors = assertThrows(Slim4jException.class,
                () -> BiasCorrection.correct(quantized, ModelHandle.of(mlp.params()), calibration(mlpData), ProgressListener.NONE));

        assertEquals("the reference does not match the quantized model: fc1_W has shape [20, 8] there, [20, 16] in the quantized model",
                shapes.getMessage());
        assertEquals("the quantized model and the reference are the same network; the reference must be the float original", same.getMessage());
        assertEquals("bias correction needs a DL4J network (MultiLayerNetwork or ComputationGraph) as the reference model, not an INDArray",
                tensors.getMessage());
        assertArrayEquals(params, ((MultiLayerNetwork) quantized.unwrap()).params().toFloatVector());
    }

    @Test
    void anEmptyIteratorIsRefusedAndTheQuantizedModelUnchanged() {
        ModelHandle quantized = BiasNetworks.quantizedCopy(ModelHandle.of(mlp), "int3:tensor");
        float[] params = ((MultiLayerNetwork) quantized.unwrap()).params().toFloatVector();

        Slim4jException error = assertThrows(Slim4jException.class, () -> BiasCorrection.correct(quantized, ModelHandle.of(mlp),
                new ListDataSetIterator<>(List.<DataSet>of(), 10), ProgressListener.NONE));

        assertEquals("the data iterator has no examples", error.getMessage());
        assertArrayEquals(params, ((MultiLayerNetwork) quantized.unwrap()).params().toFloatVector());
    }

    @Test
    void layersWithoutABiasOrOfOtherKindsAreSkippedWithTheReason() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().name("a").nOut(8).hasBias(false).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new DenseLayer.Builder().name("b").nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(20))
                .build());
        net.init();
        ModelHandle quantized = BiasNetworks.quantizedCopy(ModelHandle.of(net), "int3:tensor");

        BiasCorrectionReport report = BiasCorrection.correct(quantized, ModelHandle.of(net), calibration(mlpData), ProgressListener.NONE);

        assertEquals(List.of(new SkippedLayer("a", "DenseLayer", "it has no bias"),
                new SkippedLayer("bn", "BatchNormalization", "BatchNormalization layers are not corrected; corrected are dense, output and plain convolution layers")),
                report.skipped());
        assertEquals(List.of("b", "out"), report.corrected().stream().map(CorrectedLayer::layer).toList());
        assertTrue(report.complete());
    }

    private static DataSetIterator calibration(DataSet data) {
        return BiasNetworks.batches(data, 0, CALIBRATION);
    }

    private static INDArray calibrationFeatures(DataSet data) {
        return data.getFeatures().get(NDArrayIndex.interval(0, CALIBRATION),
                NDArrayIndex.all()).dup();
    }

    private static INDArray heldOutFeatures(DataSet data) {
        return data.getFeatures().get(NDArrayIndex.interval(CALIBRATION, ALL),
                NDArrayIndex.all()).dup();
    }

    private static MultiLayerNetwork denseNetwork(int nIn, int hidden) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11).list()
                .layer(new DenseLayer.Builder().name("fc1").nOut(hidden).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("fc2").nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(nIn))
                .build());
        net.init();
        return net;
    }

    /** 8-bit min-max activation quantization of every point the model has, from its ranges on the data. */
    private static Map<String, ActivationQuantization> minMax(ModelHandle model, DataSetIterator data) {
        IntegerFormat format = new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor());
        Map<String, float[]> ranges = new LinkedHashMap<>();
        ActivationCapture.run(model, data, ActivationCapture.ALL_BATCHES, (point, values) -> {
            float[] range = ranges.computeIfAbsent(point, p -> new float[] {Float.MAX_VALUE, -Float.MAX_VALUE});
            range[0] = Math.min(range[0], values.minNumber().floatValue());
            range[1] = Math.max(range[1], values.maxNumber().floatValue());
        }, ProgressListener.NONE);
        Map<String, ActivationQuantization> quantizations = new LinkedHashMap<>();
        ranges.forEach((point, range) -> quantizations.put(point, new ActivationQuantization(format, format.qparams(range[0], range[1]))));
        return quantizations;
    }

    /**
     * The layer's pre-activation output averaged over all the examples (and positions) at once,
     * from the layer's input in feed-forward: x·W + b for a dense or output layer, and for the
     * test CNN's convolution (one input channel, 3×3, stride 1, no padding) the sum written out.
     * Not the convolution's own output in feed-forward: an activation layer after it, such as a
     * simulated network's fake quantization, overwrites that in place in inference.
     */
    private static double[] meanPreActivation(MultiLayerNetwork net, String layer, INDArray features) {
        int index = ModelHandle.of(net).layers().stream().filter(info -> info.name().equals(layer)).mapToInt(LayerInfo::index).findFirst().orElseThrow();
        INDArray input = net.feedForward(features, false).get(index);
        InputPreProcessor preprocessor = net.getLayerWiseConfigurations().getInputPreProcess(index);
        if (preprocessor != null) {
            input = preprocessor.preProcess(input, (int) input.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        if (layer.equals("conv")) {
            return meanConvolution(input, net.getLayer(index).getParam("W"), net.getLayer(index).getParam("b"));
        }
        INDArray y = input.mmul(net.getLayer(index).getParam("W")).addRowVector(net.getLayer(index).getParam("b"));
        return y.castTo(DataType.DOUBLE).mean(0).toDoubleVector();
    }

    /** Mean over examples and positions of a 3×3 valid, stride-1 cross-correlation of one-channel NCHW images. */
    private static double[] meanConvolution(INDArray images, INDArray weights, INDArray bias) {
        int examples = (int) images.size(0);
        int side = (int) images.size(2);
        double[] x = images.dup('c').data().asDouble();
        double[] w = weights.dup('c').data().asDouble();
        int out = side - 2;
        double[] means = new double[(int) weights.size(0)];
        for (int o = 0; o < means.length; o++) {
            double sum = 0;
            for (int n = 0; n < examples; n++) {
                for (int i = 0; i < out; i++) {
                    for (int j = 0; j < out; j++) {
                        for (int a = 0; a < 3; a++) {
                            for (int b = 0; b < 3; b++) {
                                sum += w[(o * 3 + a) * 3 + b] * x[(n * side + i + a) * side + j + b];
                            }
                        }
                    }
                }
            }
            means[o] = sum / ((double) examples * out * out) + bias.getDouble(o);
        }
        return means;
    }

    /** Mean over the output channels of |E[logit_q] − E[logit_f]| on the features, against the trained reference. */
    private static double meanLogitError(MultiLayerNetwork quantized, MultiLayerNetwork reference, INDArray features) {
        double[] expected = meanPreActivation(reference, "out", features);
        double[] actual = meanPreActivation(quantized, "out", features);
        double sum = 0;
        for (int c = 0; c < expected.length; c++) {
            sum += Math.abs(actual[c] - expected[c]);
        }
        return sum / expected.length;
    }

    /** Mean |difference| of the network outputs (class probabilities) against the reference, over examples and classes. */
    private static double meanOutputError(MultiLayerNetwork quantized, MultiLayerNetwork reference, INDArray features) {
        INDArray difference = quantized.output(features).sub(reference.output(features));
        return difference.norm1Number().doubleValue() / difference.length();
    }

    private static void assertClose(double[] expected, double[] actual, String layer) {
        assertEquals(expected.length, actual.length);
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], actual[c], 1e-4 * (1 + Math.abs(expected[c])), layer + " channel " + c);
        }
    }

    private static List<float[]> weights(MultiLayerNetwork net) {
        List<float[]> weights = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            weights.add(net.getLayer(i).getParam("W").dup().data().asFloat());
        }
        return weights;
    }
}
