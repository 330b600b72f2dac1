package io.github.slim4j.core.calib.equalize;

import static io.github.slim4j.core.ByHand.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestGraphs;
import io.github.slim4j.core.model.ModelHandle;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GraphEqualizationTest {

    @Test
    void layersJoinedThroughAnActivationLayerAreEqualizedAndTheGraphComputesTheSame() {
        ComputationGraph graph = TestGraphs.denseGraph(5);
        graph.getLayer("d1").getParam("W").getColumn(2).muli(40);
        INDArray bias = graph.getLayer("d1").getParam("b");
        bias.putScalar(2, bias.getFloat(2) * 40 + 0.5f);
        graph.getLayer("d2").getParam("W").getRow(2).divi(40);
        graph.getLayer("d2").getParam("W").getColumn(5).muli(30);
        INDArray input = Nd4j.rand(DataType.FLOAT, 16, 6).subi(0.5);
        INDArray before = graph.outputSingle(input);

        EqualizationReport report = CrossLayerEqualization.equalize(ModelHandle.of(graph));

        assertEquals(List.of("d1", "d2"), report.pairs().stream().map(EqualizedPair::first).toList());
        assertEquals(List.of("d2", "out"), report.pairs().stream().map(EqualizedPair::second).toList(),
                "d2 reaches out through the leaky ReLU activation layer");
        assertEquals(List.of(), report.skipped());
        assertOutputsClose(before, graph.outputSingle(input));
        assertMatchedRanges(graph.getLayer("d1").getParam("W"), 1, graph.getLayer("d2").getParam("W"), 0);
        assertMatchedRanges(graph.getLayer("d2").getParam("W"), 1, graph.getLayer("out").getParam("W"), 0);
        assertTrue(report.pairs().get(0).spreadAfter() < report.pairs().get(0).spreadBefore() / 5, report.pairs().get(0).toString());
    }

    @Test
    void aBatchNormalizationBetweenIsNamedAsTheReasonAndOnlyTheDenseEndIsEqualized() {
        ComputationGraph graph = TestGraphs.residualCnn(3);
        int[] convolutions = bits(Nd4j.concat(0, graph.getLayer("stem").params(), graph.getLayer("bn").params(), graph.getLayer("conv").params()));
        INDArray input = Nd4j.rand(DataType.FLOAT, 4, 1, TestGraphs.SIDE, TestGraphs.SIDE);
        INDArray before = graph.outputSingle(input);

        EqualizationReport report = CrossLayerEqualization.equalize(ModelHandle.of(graph));

        assertEquals(List.of("fc"), report.pairs().stream().map(EqualizedPair::first).toList());
        assertEquals(List.of("stem → conv: bn (BatchNormalization) sits between them; fold batch normalization first"), report.skipped());
        assertArrayEquals(convolutions, bits(Nd4j.concat(0, graph.getLayer("stem").params(), graph.getLayer("bn").params(),
                graph.getLayer("conv").params())));
        assertOutputsClose(before, graph.outputSingle(input));
    }

    @Test
    void aLayerWhoseOutputAlsoFeedsAResidualAddIsSkippedAndNothingChanges() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(2).graphBuilder()
                .addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(6).nOut(6).activation(Activation.RELU).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(6).nOut(6).activation(Activation.RELU).build(), "a")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "sum")
                .setOutputs("out")
                .build());
        graph.init();
        int[] params = bits(graph.params());

        EqualizationReport report = CrossLayerEqualization.equalize(ModelHandle.of(graph));

        assertEquals(List.of(), report.pairs());
        assertEquals(List.of("a → b: the channels between them also reach sum (a branch, such as a residual Add), which the rescaling "
                + "would change"), report.skipped());
        assertArrayEquals(params, bits(graph.params()));
    }

    @Test
    void anActivationLayerBetweenMustBePositiveHomogeneousToo() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(2).graphBuilder()
                .addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(6).nOut(6).activation(Activation.IDENTITY).build(), "in")
                .addLayer("squash", new ActivationLayer.Builder().activation(Activation.TANH).build(), "a")
                .addLayer("b", new DenseLayer.Builder().nIn(6).nOut(6).activation(Activation.RELU).build(), "squash")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "b")
                .setOutputs("out")
                .build());
        graph.init();

        EqualizationReport report = CrossLayerEqualization.equalize(ModelHandle.of(graph));

        assertEquals(List.of("b"), report.pairs().stream().map(EqualizedPair::first).toList());
        assertEquals(List.of("a → b: squash's activation tanh is not positive homogeneous (relu, leaky relu or identity)"), report.skipped());
    }

    @Test
    void tensorsAreRefusedInOneLine() {
        Slim4jException error = assertThrows(Slim4jException.class, () -> CrossLayerEqualization.equalize(ModelHandle.of(Nd4j.ones(3))));
        assertEquals("cross-layer equalization needs a DL4J network (MultiLayerNetwork or ComputationGraph), not an INDArray", error.getMessage());
    }

    private static void assertOutputsClose(INDArray expected, INDArray actual) {
        double largest = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(largest < 1e-5, "outputs moved by " + largest);
    }

    /** Each output channel of the first tensor has the range of the matching input channel of the second, max |w| written out. */
    private static void assertMatchedRanges(INDArray first, int outputAxis, INDArray second, int inputAxis) {
        double[] firstRanges = ranges(first, outputAxis);
        double[] secondRanges = ranges(second, inputAxis);
        for (int c = 0; c < firstRanges.length; c++) {
            assertEquals(firstRanges[c], secondRanges[c], 1e-3 * firstRanges[c], "channel " + c);
        }
    }

    /** max |w| over each index of the axis of a rank-2 tensor. */
    private static double[] ranges(INDArray weights, int axis) {
        return IntStream.range(0, (int) weights.size(axis)).mapToDouble(c -> {
            double largest = 0;
            for (int k = 0; k < weights.size(1 - axis); k++) {
                largest = Math.max(largest, Math.abs(axis == 0 ? weights.getDouble(c, k) : weights.getDouble(k, c)));
            }
            return largest;
        }).toArray();
    }
}
