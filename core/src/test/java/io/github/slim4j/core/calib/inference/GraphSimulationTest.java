package io.github.slim4j.core.calib.inference;

import static io.github.slim4j.core.ByHand.bits;
import static io.github.slim4j.core.ByHand.fakeQuantized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.ResidualCnnByHand;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestGraphs;
import io.github.slim4j.core.fold.FoldedPair;
import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamKind;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.model.WeightAxes;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Scope;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class GraphSimulationTest {
    private static final IntegerFormat UINT8 = InferenceNetworks.affine(8, false);
    private static final List<String> POINTS = List.of("image", "stem", "relu", "conv", "relu2", "pool", "fc");
    private static DataSetIterator data;
    private static ComputationGraph graph;
    private static Map<String, ActivationQuantization> minMax;

    @BeforeAll
    static void calibrate() {
        data = TestGraphs.images(24, 8, 11);
        graph = TestGraphs.residualCnn(3);
        minMax = InferenceNetworks.minMax(InferenceNetworks.ranges(ModelHandle.of(graph), data), UINT8);
    }

    @Test
    void aFakeQuantLayerFollowsEveryPointButTheOutputAndTakesOverItsReaders() {
        SimulatedNetwork simulated = SimulatedQuantization.build(ModelHandle.of(graph), minMax);
        ComputationGraph net = assertInstanceOf(ComputationGraph.class, simulated.model().unwrap());

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("image/aq", List.of("image"));
        expected.put("stem", List.of("image/aq"));
        expected.put("stem/aq", List.of("stem"));
        expected.put("bn", List.of("stem/aq"));
        expected.put("relu", List.of("bn"));
        expected.put("relu/aq", List.of("relu"));
        expected.put("conv", List.of("relu/aq"));
        expected.put("conv/aq", List.of("conv"));
        expected.put("add", List.of("conv/aq", "relu/aq"));
        expected.put("relu2", List.of("add"));
        expected.put("relu2/aq", List.of("relu2"));
        expected.put("pool", List.of("relu2/aq"));
        expected.put("pool/aq", List.of("pool"));
        expected.put("fc", List.of("pool/aq"));
        expected.put("fc/aq", List.of("fc"));
        expected.put("out", List.of("fc/aq"));
        assertEquals(expected, net.getConfiguration().getVertexInputs(), "every reader of a point reads its fake quantization");
        assertEquals(List.of("out"), net.getConfiguration().getNetworkOutputs());
        assertEquals(List.of("image/aq", "stem", "stem/aq", "bn", "relu", "relu/aq", "conv", "conv/aq", "relu2", "relu2/aq", "pool",
                "pool/aq", "fc", "fc/aq", "out"), simulated.model().layers().stream().map(LayerInfo::name).toList(),
                "each inserted layer runs right after its point");

        assertEquals(POINTS, simulated.fakeQuantLayers().stream().map(FakeQuantLayer::point).toList());
        for (FakeQuantLayer layer : simulated.fakeQuantLayers()) {
            assertEquals(layer.point() + "/aq", layer.name());
            assertEquals(layer.name(), net.getVertices()[layer.layerIndex()].getVertexName());
            assertEquals(minMax.get(layer.point()), layer.quantization(), layer.name());
            assertEquals(0, net.getLayer(layer.name()).numParams());
        }
        assertEquals(simulated.fakeQuantLayers(), FakeQuantLayers.of(simulated.model()));
        assertTrue(simulated.input().isEmpty(), "a graph's input is fake-quantized by an inserted layer");
        assertTrue(FakeQuantLayers.input(simulated.model()).isEmpty());
        assertEquals(List.of(new FloatOutput("out", "OutputLayer",
                "the output layer's values feed the loss, which takes their log, so they stay float")), simulated.inFloat());
        assertEquals(List.of(), FakeQuantLayers.of(ModelHandle.of(graph)));
    }

    @Test
    void eachInsertedLayerPutsItsPointOnTheGridAndItsReadersComputeFromThat() {
        SimulatedNetwork simulated = SimulatedQuantization.build(ModelHandle.of(graph), minMax);
        List<String> outputs = List.of("image", "image/aq", "conv", "conv/aq", "relu/aq", "add", "fc", "fc/aq");
        Map<String, List<INDArray>> captured = new LinkedHashMap<>();

        ActivationCapture.runAt(simulated.model(), outputs, data, ActivationCapture.ALL_BATCHES,
                (output, values) -> captured.computeIfAbsent(output, name -> new ArrayList<>()).add(values.dup()), ProgressListener.NONE);

        for (int batch = 0; batch < 3; batch++) {
            for (String point : List.of("image", "conv", "fc")) {
                float[] values = captured.get(point).get(batch).dup('c').data().asFloat();
                float[] expected = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    expected[i] = fakeQuantized(values[i], minMax.get(point));
                }
                assertArrayEquals(expected, captured.get(point + "/aq").get(batch).dup('c').data().asFloat(), point + "/aq");
            }
            float[] conv = captured.get("conv/aq").get(batch).dup('c').data().asFloat();
            float[] relu = captured.get("relu/aq").get(batch).dup('c').data().asFloat();
            float[] sum = new float[conv.length];
            for (int i = 0; i < sum.length; i++) {
                sum[i] = conv[i] + relu[i];
            }
            assertArrayEquals(sum, captured.get("add").get(batch).dup('c').data().asFloat(), "add reads both fake quantizations");
        }
    }

    @Test
    void itComputesWhatTheGraphByHandComputesWithTheSameFakeQuantizationAtThePoints() {
        ComputationGraph simulated = (ComputationGraph) SimulatedQuantization.build(ModelHandle.of(graph), minMax).model().unwrap();
        Map<String, DoubleUnaryOperator> atPoints = new LinkedHashMap<>();
        POINTS.forEach(point -> atPoints.put(point, x -> fakeQuantized((float) x, minMax.get(point))));

        for (DataSet batch : batches()) {
            INDArray expected = ResidualCnnByHand.forward(graph, batch.getFeatures(), atPoints).values().get("out");
            INDArray actual = simulated.outputSingle(batch.getFeatures());
            assertTrue(expected.castTo(DataType.FLOAT).equalsWithEps(actual, 1e-5),
                    "largest difference " + expected.castTo(DataType.FLOAT).sub(actual).amaxNumber());
        }
    }

    @Test
    void sixteenBitsGiveTheFloatOutputsAlmostExactly() {
        Map<String, ActivationQuantization> sixteen = InferenceNetworks.minMax(InferenceNetworks.ranges(ModelHandle.of(graph), data),
                InferenceNetworks.affine(16, true));
        ComputationGraph simulated = (ComputationGraph) SimulatedQuantization.build(ModelHandle.of(graph), sixteen).model().unwrap();

        for (DataSet batch : batches()) {
            INDArray expected = graph.outputSingle(batch.getFeatures());
            INDArray actual = simulated.outputSingle(batch.getFeatures());
            assertTrue(expected.equalsWithEps(actual, 1e-4), "largest difference " + expected.sub(actual).amaxNumber());
        }
    }

    @Test
    void theOriginalAndTheCallersFeaturesStayAsTheyWereBitForBit() {
        ComputationGraph original = TestGraphs.residualCnn(3);
        int[] params = bits(original.params());
        String conf = original.getConfiguration().toJson();
        ComputationGraph simulated = (ComputationGraph) SimulatedQuantization.build(ModelHandle.of(original), minMax).model().unwrap();
        INDArray features = batches().get(0).getFeatures();
        int[] before = bits(features);

        simulated.outputSingle(features);
        simulated.feedForward(features, false);

        assertArrayEquals(before, bits(features), "the input's fake quantization works on a copy");
        assertArrayEquals(params, bits(original.params()));
        assertEquals(conf, original.getConfiguration().toJson());
    }

    @Test
    void parametersCounterAndUpdaterStateComeAcrossUnderTheirVertexNames() {
        ComputationGraph trained = TestGraphs.residualCnn(4);
        batches().forEach(trained::fit);
        ComputationGraph simulated = (ComputationGraph) SimulatedQuantization.build(ModelHandle.of(trained), minMax).model().unwrap();

        for (GraphVertex vertex : trained.getVertices()) {
            if (vertex.hasLayer()) {
                vertex.getLayer().paramTable().forEach((key, values) -> assertArrayEquals(bits(values),
                        bits(simulated.getLayer(vertex.getVertexName()).getParam(key)), vertex.getVertexName() + "_" + key));
            }
        }
        assertArrayEquals(bits(trained.params()), bits(simulated.params()), "the original layers keep their order in the flat vector");
        ComputationGraph copy = (ComputationGraph) ModelHandle.of(simulated).deepCopy().unwrap();
        for (String layer : List.of("stem", "bn", "conv", "fc", "out")) {
            assertArrayEquals(bits(simulated.getLayer(layer).params()), bits(copy.getLayer(layer).params()), "a deep copy keeps the order: " + layer);
        }
        assertArrayEquals(bits(trained.getUpdater().getStateViewArray()), bits(simulated.getUpdater().getStateViewArray()));
        assertEquals(3, trained.getConfiguration().getIterationCount());
        assertEquals(trained.getConfiguration().getIterationCount(), simulated.getConfiguration().getIterationCount());
        assertEquals(trained.getConfiguration().getEpochCount(), simulated.getConfiguration().getEpochCount());
    }

    /**
     * On the dense graph: the residual CNN's batch normalization trains on batch statistics, whose
     * values can fall outside the ranges calibrated in inference, where the straight-through
     * gradient is 0.
     */
    @Test
    void itTrainsWithStraightThroughGradients() {
        ComputationGraph dense = TestGraphs.denseGraph(2);
        DataSetIterator rows = TestGraphs.rows(32, 6, 16, 3);
        Map<String, ActivationQuantization> ranges = InferenceNetworks.minMax(InferenceNetworks.ranges(ModelHandle.of(dense), rows), UINT8);
        ComputationGraph simulated = (ComputationGraph) SimulatedQuantization.build(ModelHandle.of(dense), ranges).model().unwrap();
        int[] before = bits(simulated.params());
        rows.reset();

        simulated.fit(rows.next());

        for (String layer : List.of("d1", "d2", "out")) {
            INDArray gradient = simulated.getLayer(layer).getGradientsViewArray();
            assertTrue(gradient.amaxNumber().doubleValue() > 0 && Double.isFinite(gradient.sumNumber().doubleValue()), layer);
        }
        assertFalse(java.util.Arrays.equals(before, bits(simulated.params())));
        assertTrue(Double.isFinite(simulated.score()));
    }

    @Test
    void weightRecordsMasksAndTheOriginComeAlong() {
        ComputationGraph original = TestGraphs.residualCnn(3);
        GraphOrigin origin = new Renamed();
        GraphOrigin.attach(original, origin);
        ModelHandle model = ModelHandle.of(original);
        Pruner.prune(model, new PruneSpec(new Criterion.Magnitude(), new Amount.Fraction(0.5), Scope.LAYER, Selection.weights()));
        Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse("int4"), LayerFormats.none(), Selection.weights()));

        ModelHandle simulated = SimulatedQuantization.build(model, minMax).model();

        assertSame(origin, GraphOrigin.of((ComputationGraph) simulated.unwrap()).orElseThrow());
        assertEquals(List.of("model.stem.W", "model.conv.W", "model.fc.W", "model.out.W"), List.copyOf(Quantizations.of(simulated).keySet()));
        assertEquals(Quantizations.of(model), Quantizations.of(simulated));
        assertEquals(Masks.of(model), Masks.of(simulated));
    }

    @Test
    void itsConfigurationSurvivesDl4jJson() {
        ComputationGraph simulated = (ComputationGraph) SimulatedQuantization.build(ModelHandle.of(graph), minMax).model().unwrap();

        ComputationGraph restored = new ComputationGraph(ComputationGraphConfiguration.fromJson(simulated.getConfiguration().toJson()));
        restored.init(simulated.params().dup(), false);

        assertEquals(FakeQuantLayers.of(ModelHandle.of(simulated)), FakeQuantLayers.of(ModelHandle.of(restored)));
        INDArray features = batches().get(0).getFeatures();
        assertArrayEquals(bits(simulated.outputSingle(features)), bits(restored.outputSingle(features)));
    }

    @Test
    void aPointThatIsAGraphOutputHandsOnItsFakeQuantization() {
        ComputationGraph embedding = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(2).graphBuilder()
                .addInputs("in")
                .addLayer("code", new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.TANH).build(), "in")
                .setOutputs("code")
                .build());
        embedding.init();
        ActivationQuantization quantization = new ActivationQuantization(UINT8, UINT8.qparams(-1f, 1f));

        SimulatedNetwork simulated = SimulatedQuantization.build(ModelHandle.of(embedding), Map.of("code", quantization));

        ComputationGraph net = (ComputationGraph) simulated.model().unwrap();
        assertEquals(List.of("code/aq"), net.getConfiguration().getNetworkOutputs());
        INDArray features = Nd4j.rand(DataType.FLOAT, 5, 6);
        float[] floats = embedding.outputSingle(features).dup('c').data().asFloat();
        float[] expected = new float[floats.length];
        for (int i = 0; i < floats.length; i++) {
            expected[i] = fakeQuantized(floats[i], quantization);
        }
        assertArrayEquals(expected, net.outputSingle(features).dup('c').data().asFloat());
        assertEquals(List.of(new FloatOutput("in", "input", "no quantization parameters were given")), simulated.inFloat());
    }

    @Test
    void aSimulatedGraphIsNotSimulatedAgainOverItsOwnLayers() {
        ModelHandle simulated = SimulatedQuantization.build(ModelHandle.of(graph), minMax).model();
        ActivationQuantization quantization = minMax.get("stem");

        Slim4jException error = assertThrows(Slim4jException.class,
                () -> SimulatedQuantization.build(simulated, Map.of("stem", quantization)));

        assertEquals("cannot fake-quantize point stem: the graph already has a vertex named stem/aq; quantize the float graph, "
                + "not a simulated one", error.getMessage());
    }

    private static List<DataSet> batches() {
        data.reset();
        List<DataSet> all = new ArrayList<>();
        data.forEachRemaining(all::add);
        return all;
    }

    /** An origin that names each tensor "model.VERTEX.KEY", as an imported model names its own. */
    private static final class Renamed implements GraphOrigin {
        @Override
        public String describe() {
            return "renamed";
        }

        @Override
        public long[] inputShape() {
            return new long[] {1, 6, 6};
        }

        @Override
        public GraphOrigin afterFolding(List<FoldedPair> pairs) {
            return this;
        }

        @Override
        public List<LayerInfo> layers(ComputationGraph graph) {
            List<LayerInfo> layers = new ArrayList<>();
            for (int index : graph.topologicalSortOrder()) {
                GraphVertex vertex = graph.getVertices()[index];
                if (vertex.hasLayer()) {
                    layers.add(new LayerInfo(layers.size(), vertex.getVertexName(), vertex.getLayer().conf().getLayer().getClass().getSimpleName(),
                            OptionalLong.empty(), OptionalLong.empty(), Optional.empty()));
                }
            }
            return layers;
        }

        @Override
        public List<ParamTensor> parameters(ComputationGraph graph) {
            List<ParamTensor> tensors = new ArrayList<>();
            for (LayerInfo layer : layers(graph)) {
                graph.getLayer(layer.name()).paramTable().forEach((key, values) -> tensors.add(new ParamTensor(layer.name(), key,
                        "model." + layer.name() + "." + key, key.equals("W") ? ParamKind.WEIGHT : key.equals("b") ? ParamKind.BIAS
                        : ParamKind.NORMALIZATION, values, WeightAxes.dl4j(layer.type(), values.rank()))));
            }
            return tensors;
        }
    }
}
