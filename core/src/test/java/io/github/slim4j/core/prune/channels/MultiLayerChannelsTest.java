package io.github.slim4j.core.prune.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Channel removal from MultiLayerNetworks. The reference for a removed network is the original
 * with the removed channels' readers zeroed by hand (their input weights set to 0), run by DL4J:
 * removal must compute the same, up to the order of float sums.
 */
class MultiLayerChannelsTest {

    /**
     * 12×12 images: conv c1 (8) → bn1 → relu → max pool → depthwise dw → conv c2 (6) → flatten
     * (6 × 4 × 4) → dense fc (10) → output (3, linear, so outputs are not squashed). Batch normalization holds random statistics, so
     * that cutting its parameters out of step with c1's would show.
     */
    static MultiLayerNetwork cnn() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3)
                .updater(new Adam(1e-3))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c1").nOut(8).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().name("relu1").activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool").kernelSize(2, 2).stride(2, 2).build())
                .layer(new DepthwiseConvolution2D.Builder(1, 1).name("dw").depthMultiplier(1).activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(2, 2).name("c2").nOut(6).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(10).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nOut(3).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutionalFlat(12, 12, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(5);
        net.getLayer(1).paramTable().values().forEach(param -> param.assign(Nd4j.rand(DataType.FLOAT, param.shape()).addi(0.5)));
        return net;
    }

    @Test
    void aCnnWithBatchNormDepthwiseAndFlatteningComputesWhatItsMaskedSelfComputes() {
        MultiLayerNetwork net = cnn();
        float[] before = net.params().dup().data().asFloat();
        ChannelCut cut = Channels.remove(ModelHandle.of(net), new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.LAYER, 1, 1));
        MultiLayerNetwork smaller = (MultiLayerNetwork) cut.model().unwrap();

        assertArrayEquals(before, net.params().dup().data().asFloat(), "the original is unchanged, bit for bit");
        assertArrayEquals(new long[] {4, 1, 3, 3}, smaller.getLayer(0).getParam("W").shape());
        assertEquals(4, smaller.getLayer(1).getParam("gamma").length());
        assertArrayEquals(new long[] {1, 1, 4, 1}, smaller.getLayer(4).getParam("W").shape());
        assertArrayEquals(new long[] {3, 4, 2, 2}, smaller.getLayer(5).getParam("W").shape());
        assertArrayEquals(new long[] {3 * 4 * 4, 5}, smaller.getLayer(6).getParam("W").shape());
        assertArrayEquals(new long[] {5, 3}, smaller.getLayer(7).getParam("W").shape());

        MultiLayerNetwork masked = masked(net);
        INDArray images = Nd4j.rand(DataType.FLOAT, 16, 144);
        assertClose(masked.output(images), smaller.output(images));
    }

    /**
     * The original with each removed channel's readers zeroed: c2 for c1's, fc's blocks of 4 × 4
     * features for c2's, out for fc's. The removed channels are the weakest half by L1 norm,
     * computed here by ND4J.
     */
    private static MultiLayerNetwork masked(MultiLayerNetwork net) {
        MultiLayerNetwork masked = net.clone();
        for (int channel : weakestHalf(net.getLayer(0).getParam("W").reshape(8, -1).norm1(1))) {
            masked.getLayer(5).getParam("W").get(NDArrayIndex.all(), NDArrayIndex.point(channel)).assign(0);
        }
        for (int channel : weakestHalf(net.getLayer(5).getParam("W").reshape(6, -1).norm1(1))) {
            masked.getLayer(6).getParam("W").get(NDArrayIndex.interval(channel * 16, channel * 16 + 16), NDArrayIndex.all()).assign(0);
        }
        for (int channel : weakestHalf(net.getLayer(6).getParam("W").norm1(0))) {
            masked.getLayer(7).getParam("W").getRow(channel).assign(0);
        }
        return masked;
    }

    private static int[] weakestHalf(INDArray norms) {
        double[] values = norms.toDoubleVector();
        return IntStream.range(0, values.length).boxed().sorted(Comparator.comparingDouble(c -> values[c]))
                .limit(values.length / 2).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void theLeastL1ColumnsOfADenseLayerGoAndTheKeptOnesAreCopiedBitForBit() {
        MultiLayerNetwork net = TestNetworks.mlp(4);
        // Columns of the hidden layer's W [784, 4] with L1 norms 2, 8, 4 and 6.
        INDArray weights = net.getLayer(0).getParam("W");
        weights.assign(0);
        weights.putScalar(0, 0, 2f);
        weights.putScalar(0, 1, -8f);
        weights.putScalar(1, 2, 4f);
        weights.putScalar(2, 3, 6f);
        ChannelCut cut = Channels.remove(ModelHandle.of(net), new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.LAYER, 1, 1));
        MultiLayerNetwork smaller = (MultiLayerNetwork) cut.model().unwrap();

        INDArray keptWeights = smaller.getLayer(0).getParam("W");
        assertArrayEquals(new float[] {-8f, 6f}, new float[] {keptWeights.getFloat(0, 0), keptWeights.getFloat(2, 1)});
        assertArrayEquals(net.getLayer(1).getParam("W").get(NDArrayIndex.indices(1, 3), NDArrayIndex.all()).dup().data().asFloat(),
                smaller.getLayer(1).getParam("W").dup().data().asFloat());
        // Hand-worked MACs per example: 784·4 + 4·10 before, 784·2 + 2·10 after.
        assertEquals(OptionalLong.of(784 * 4 + 4 * 10), cut.macsBefore());
        assertEquals(OptionalLong.of(784 * 2 + 2 * 10), cut.macsAfter());
        assertEquals(new ChannelGroup(1, List.of("0"), 2, 4, OptionalLong.of(784 * 4 + 40), OptionalLong.of(784 * 2 + 20), Optional.empty()),
                cut.groups().get(0));
        assertEquals(Optional.of("the model's output"), cut.groups().get(1).pinned());
        assertEquals(784 * 4 + 4 + 4 * 10 + 10, cut.parametersBefore());
        assertEquals(784 * 2 + 2 + 2 * 10 + 10, cut.parametersAfter());
    }

    /**
     * Importance over each group's mean, ranked across groups: a = [1, 2, 3, 4] scores 0.4, 0.8,
     * 1.2, 1.6; b = [10, 10, 10, 50] scores 0.5, 0.5, 0.5, 2.5. Half of the 8 channels go: a's
     * first and b's first three.
     */
    @Test
    void globalScopeRanksChannelsAcrossLayersByImportanceOverTheirLayersMean() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().name("a").nIn(1).nOut(4).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("b").nIn(4).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).name("out").nIn(4).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.getLayer(0).getParam("W").assign(Nd4j.createFromArray(new float[][] {{1, 2, 3, 4}}));
        INDArray b = net.getLayer(1).getParam("W");
        b.assign(0);
        for (int column = 0; column < 4; column++) {
            b.putScalar(column, column, column == 3 ? 50 : 10);
        }
        ChannelCut cut = Channels.remove(ModelHandle.of(net), new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.GLOBAL, 1, 1));
        assertEquals(List.of(3, 1), cut.groups().stream().limit(2).map(ChannelGroup::kept).toList());
        MultiLayerNetwork smaller = (MultiLayerNetwork) cut.model().unwrap();
        assertArrayEquals(new float[] {2, 3, 4}, smaller.getLayer(0).getParam("W").dup().data().asFloat());
        assertArrayEquals(new float[] {0, 0, 50}, smaller.getLayer(1).getParam("W").dup().data().asFloat());
    }

    @Test
    void theRemovedNetworkTrains() {
        MultiLayerNetwork smaller = (MultiLayerNetwork) Channels.remove(ModelHandle.of(cnn()),
                new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.GLOBAL, 2, 2)).model().unwrap();
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 3);
        labels.getColumn(1).assign(1);
        smaller.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 8, 144), labels));
        assertTrue(Double.isFinite(smaller.score()));
    }

    @Test
    void aLayerSlimCannotCutKeepsWhatItReadsAndTheTableSaysWhy() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c1").nOut(4).build())
                .layer(new LocalResponseNormalization.Builder().name("lrn").build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("c2").nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1))
                .build());
        net.init();
        ChannelCut cut = Channels.remove(ModelHandle.of(net), new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.LAYER, 1, 1));
        assertEquals(Optional.of("read by layer lrn (LocalResponseNormalization), which slim4j cannot cut"), cut.groups().get(0).pinned());
        assertEquals(4, cut.groups().get(0).kept());
        assertEquals(2, cut.groups().get(1).kept());
    }

    @Test
    void refusalsNameTheReasonAndLeaveTheModelAlone() {
        MultiLayerNetwork onlyOutput = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3).activation(Activation.SOFTMAX).build()).build());
        onlyOutput.init();
        ChannelRequest half = new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.LAYER, 1, 1);
        assertEquals("no channel of the model can be removed: 0: the model's output",
                assertThrows(Slim4jException.class, () -> Channels.remove(ModelHandle.of(onlyOutput), half)).getMessage());
        assertEquals("channels can be removed from a MultiLayerNetwork or a model loaded from ONNX, not from a ComputationGraph built on the JVM",
                assertThrows(Slim4jException.class, () -> Channels.remove(ModelHandle.of(TestNetworks.graph()), half)).getMessage());
        assertEquals("channels can be removed from a MultiLayerNetwork or a model loaded from ONNX, not from an INDArray",
                assertThrows(Slim4jException.class, () -> Channels.remove(ModelHandle.of(Nd4j.ones(3)), half)).getMessage());

        MultiLayerNetwork quantized = TestNetworks.mlp();
        Quantizer.quantize(ModelHandle.of(quantized), new QuantizeSpec(WeightFormat.parse("int8"), LayerFormats.none(), Selection.weights()));
        float[] before = quantized.params().dup().data().asFloat();
        assertEquals("the model is quantized; remove channels first, then quantize the smaller model",
                assertThrows(Slim4jException.class, () -> Channels.remove(ModelHandle.of(quantized), half)).getMessage());
        assertArrayEquals(before, quantized.params().dup().data().asFloat());
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        float[] e = expected.dup().data().asFloat();
        float[] a = actual.dup().data().asFloat();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5 * Math.max(1, Math.abs(e[i])), "output " + i);
        }
    }
}
