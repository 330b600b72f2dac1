package io.github.slim4j.core.calib.equalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class CrossLayerEqualizationTest {

    @Test
    void aChainOfDenseLayersComputesTheSameFunctionWithMatchedChannelRanges() {
        MultiLayerNetwork net = denseChain(Activation.RELU);
        unbalance(net);
        INDArray input = Nd4j.rand(DataType.FLOAT, 16, 8).subi(0.5);
        INDArray before = net.output(input);

        EqualizationReport report = CrossLayerEqualization.equalize(ModelHandle.of(net));

        assertEquals(List.of("a", "b"), report.pairs().stream().map(EqualizedPair::first).toList());
        assertEquals(List.of("b", "out"), report.pairs().stream().map(EqualizedPair::second).toList());
        assertEquals(List.of(), report.skipped());
        assertTrue(report.rounds() < CrossLayerEqualization.MAX_ROUNDS, "settled in " + report.rounds() + " rounds");
        assertOutputsClose(before, net.output(input));
        assertMatchedRanges(net.getLayer(0).getParam("W"), 1, net.getLayer(1).getParam("W"), 0);
        assertMatchedRanges(net.getLayer(1).getParam("W"), 1, net.getLayer(2).getParam("W"), 0);
        EqualizedPair first = report.pairs().get(0);
        assertTrue(first.spreadBefore() > 50 && first.spreadAfter() < first.spreadBefore() / 5, first.toString());
        assertTrue(first.minFactor() < 1 && first.maxFactor() > 1, first.toString());
    }

    @Test
    void convolutionsAreEqualizedAndAFlatteningPreprocessorIsNamedAsTheReasonToStop() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c1").nOut(4).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("c2").nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2))
                .build());
        net.init();
        net.getLayer(0).getParam("W").get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).muli(30);
        INDArray input = Nd4j.rand(DataType.FLOAT, 4, 2, 8, 8);
        INDArray before = net.output(input);

        EqualizationReport report = CrossLayerEqualization.equalize(ModelHandle.of(net));

        assertEquals(1, report.pairs().size());
        assertEquals("c1", report.pairs().get(0).first());
        assertEquals(4, report.pairs().get(0).channels());
        assertEquals(List.of("c2 → out: a preprocessor sits between them"), report.skipped());
        assertOutputsClose(before, net.output(input));
        assertMatchedRanges(net.getLayer(0).getParam("W"), 0, net.getLayer(1).getParam("W"), 1);
    }

    @Test
    void aLayerWhoseActivationIsNotPositiveHomogeneousIsSkippedAndNothingChanges() {
        MultiLayerNetwork net = denseChain(Activation.TANH);
        INDArray params = net.params().dup();

        EqualizationReport report = CrossLayerEqualization.equalize(ModelHandle.of(net));

        assertEquals(List.of(), report.pairs());
        assertEquals(List.of("a → b: a's activation tanh is not positive homogeneous (relu, leaky relu or identity)",
                "b → out: b's activation tanh is not positive homogeneous (relu, leaky relu or identity)"), report.skipped());
        assertEquals(0, report.rounds());
        Bitwise.assertIdentical(params, net.params());
    }

    @Test
    void aNetworkWithoutAdjacentWeightedLayersIsLeftAlone() {
        MultiLayerNetwork net = TestNetworks.namedWithBatchNorm();
        INDArray params = net.params().dup();
        EqualizationReport report = CrossLayerEqualization.equalize(ModelHandle.of(net));
        assertEquals(List.of(), report.pairs());
        Bitwise.assertIdentical(params, net.params());
    }

    /** 8 → a (6) → b (5) → out (3), with the hidden activation given. */
    private static MultiLayerNetwork denseChain(Activation hidden) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).list()
                .layer(new DenseLayer.Builder().name("a").nIn(8).nOut(6).activation(hidden).build())
                .layer(new DenseLayer.Builder().name("b").nIn(6).nOut(5).activation(hidden).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Widens channel 2 of "a" 40 times and narrows its input to "b" as much, badly balancing the
     * ranges, and gives that channel a bias (DL4J starts biases at 0), so that the bias's rescaling is tested too.
     */
    private static void unbalance(MultiLayerNetwork net) {
        net.getLayer(0).getParam("W").getColumn(2).muli(40);
        INDArray bias = net.getLayer(0).getParam("b");
        bias.putScalar(2, bias.getFloat(2) * 40 + 0.5f);
        net.getLayer(1).getParam("W").getRow(2).divi(40);
    }

    private static void assertOutputsClose(INDArray expected, INDArray actual) {
        double largest = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(largest < 1e-5, "outputs moved by " + largest);
    }

    /** Each output channel of the first tensor has the range of the matching input channel of the second. */
    private static void assertMatchedRanges(INDArray first, int outputAxis, INDArray second, int inputAxis) {
        INDArray firstRanges = Nd4j.math().abs(first).max(dimensionsBut(first.rank(), outputAxis));
        INDArray secondRanges = Nd4j.math().abs(second).max(dimensionsBut(second.rank(), inputAxis));
        double mismatch = firstRanges.sub(secondRanges).div(firstRanges).amaxNumber().doubleValue();
        assertTrue(mismatch < 1e-3, "ranges differ by up to " + mismatch + ": " + firstRanges + " vs " + secondRanges);
    }

    private static int[] dimensionsBut(int rank, int kept) {
        return java.util.stream.IntStream.range(0, rank).filter(axis -> axis != kept).toArray();
    }
}
