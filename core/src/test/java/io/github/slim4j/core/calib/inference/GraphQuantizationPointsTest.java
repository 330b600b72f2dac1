package io.github.slim4j.core.calib.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.TestGraphs;
import io.github.slim4j.core.model.ModelHandle;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GraphQuantizationPointsTest {

    @Test
    void theResidualCnnHasItsInputAndEveryVertexThatComputesExceptThoseAReluTakesOver() {
        QuantizationPoints points = QuantizationPoints.of(ModelHandle.of(TestGraphs.residualCnn(1)));

        // bn and add each feed only a ReLU, whose output carries their point; vertex indices count the input first.
        assertEquals(List.of(new QuantizationPoint("image", -1, "input"), new QuantizationPoint("stem", 1, "ConvolutionLayer"),
                new QuantizationPoint("relu", 3, "ActivationLayer"), new QuantizationPoint("conv", 4, "ConvolutionLayer"),
                new QuantizationPoint("relu2", 6, "ActivationLayer"), new QuantizationPoint("pool", 7, "GlobalPoolingLayer"),
                new QuantizationPoint("fc", 8, "DenseLayer"), new QuantizationPoint("out", 9, "OutputLayer")), points.points());
        assertEquals(List.of(), points.unsupported());
        assertEquals("conv", points.atLayer(4).orElseThrow().name());
        assertTrue(points.atLayer(2).isEmpty(), "bn");
    }

    @Test
    void aLeakyReluDoesNotTakeOverThePointBeforeIt() {
        QuantizationPoints points = QuantizationPoints.of(ModelHandle.of(TestGraphs.denseGraph(1)));

        assertEquals(List.of("in", "d1", "d2", "act", "out"), names(points));
    }

    @Test
    void verticesThatOnlyMoveValuesHaveNoPointAndMergeAndScaleHave() {
        QuantizationPoints points = QuantizationPoints.of(ModelHandle.of(mixedGraph()));

        // shifted feeds only relu6, whose output carries its point.
        assertEquals(List.of("in", "d", "scaled", "merged", "relu6", "relu", "out"), names(points));
        assertEquals(List.of("input", "DenseLayer", "ScaleVertex", "MergeVertex", "ActivationLayer", "ActivationLayer", "OutputLayer"),
                points.points().stream().map(QuantizationPoint::layerType).toList());
        assertEquals(List.of(1, 3, 4, 6, 11, 12), points.points().stream().skip(1).map(QuantizationPoint::layerIndex).toList());
        assertEquals(1, points.unsupported().size());
        FloatOutput unsupported = points.unsupported().get(0);
        assertEquals("product", unsupported.name());
        assertEquals("ElementWiseMultiplicationLayer", unsupported.layerType());
        assertTrue(unsupported.reason().startsWith("ElementWiseMultiplicationLayer layers are not supported; supported are dense"),
                unsupported.reason());
    }

    @Test
    void aVertexFeedingAReluAndAnythingElseKeepsItsPoint() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("d", new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.IDENTITY).build(), "in")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "d")
                .addVertex("sum", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add), "relu", "d")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(4)
                        .activation(Activation.IDENTITY).build(), "sum")
                .setOutputs("out")
                .build());
        graph.init();

        assertEquals(List.of("in", "d", "relu", "sum", "out"), names(QuantizationPoints.of(ModelHandle.of(graph))));
    }

    /**
     * in (4) → "d" (dense 6) → "subset" (0..2) → "scaled" (× 2) → "merged" (d, scaled) → "shifted"
     * (+ 0.1) → "relu6" → "kept" ({@link ValuePreserving}) → "dropout" → "flat" (reshape) →
     * "product" (element-wise multiplication layer, unsupported) → "relu" → "out".
     */
    private static ComputationGraph mixedGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("d", new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build(), "in")
                .addVertex("subset", new SubsetVertex(0, 2), "d")
                .addVertex("scaled", new ScaleVertex(2), "subset")
                .addVertex("merged", new MergeVertex(), "d", "scaled")
                .addVertex("shifted", new ShiftVertex(0.1), "merged")
                .addLayer("relu6", new ActivationLayer.Builder().activation(Activation.RELU6).build(), "shifted")
                .addVertex("kept", new Unchanged(), "relu6")
                .addLayer("dropout", new DropoutLayer(0.5), "kept")
                .addVertex("flat", new ReshapeVertex(-1, 9), "dropout")
                .addLayer("product", new ElementWiseMultiplicationLayer.Builder().nIn(9).nOut(9).activation(Activation.IDENTITY).build(), "flat")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "product")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(9).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "relu")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Scaling by 1, marked as the importer marks its reshapes: the values pass unchanged. */
    private static final class Unchanged extends ScaleVertex implements ValuePreserving {
        Unchanged() {
            super(1);
        }

        @Override
        public ScaleVertex clone() {
            return new Unchanged();
        }
    }

    private static List<String> names(QuantizationPoints points) {
        return points.points().stream().map(QuantizationPoint::name).toList();
    }
}
