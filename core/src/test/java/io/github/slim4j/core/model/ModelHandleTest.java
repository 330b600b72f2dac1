package io.github.slim4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestNetworks;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelHandleTest {

    @Test
    void multiLayerNetworkHasItsLayersAndParameters() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle model = ModelHandle.of(net);

        assertSame(net, model.unwrap());
        assertTrue(model.isNetwork());
        assertEquals("MultiLayerNetwork", model.kind());
        assertEquals("org.deeplearning4j.nn.multilayer.MultiLayerNetwork", model.javaType());
        assertEquals(List.of(
                new LayerInfo(0, "0", "DenseLayer", OptionalLong.of(784), OptionalLong.of(32), Optional.of("relu")),
                new LayerInfo(1, "1", "OutputLayer", OptionalLong.of(32), OptionalLong.of(10), Optional.of("softmax"))),
                model.layers());

        List<ParamTensor> params = model.parameters();
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), params.stream().map(ParamTensor::qualifiedName).toList());
        assertEquals(List.of(ParamKind.WEIGHT, ParamKind.BIAS, ParamKind.WEIGHT, ParamKind.BIAS),
                params.stream().map(ParamTensor::kind).toList());
        ParamTensor w = params.get(0);
        assertEquals("0", w.layer());
        assertEquals("W", w.key());
        assertEquals(784 * 32, w.length());
        assertEquals(List.of(784L, 32L), List.of(w.shape()[0], w.shape()[1]));
        assertEquals("float32", w.dtype());
        assertEquals(32, w.bitsPerElement());
    }

    @Test
    void parametersAreLiveViewsOfTheNetwork() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ParamTensor bias = ModelHandle.of(net).parameters().get(3);

        bias.values().assign(0.25);

        assertEquals(0.25, net.getParam("1_b").getDouble(9), 0);
        assertEquals(0.25, net.params().getDouble(net.numParams() - 1), 0);
    }

    @Test
    void configuredLayerNamesReplaceIndicesAndNormalizationIsRecognized() {
        ModelHandle model = ModelHandle.of(TestNetworks.namedWithBatchNorm());

        assertEquals(List.of("hidden", "bn", "out"), model.layers().stream().map(LayerInfo::name).toList());
        assertEquals("BatchNormalization", model.layers().get(1).type());
        List<ParamTensor> bn = model.parameters().stream().filter(p -> p.layer().equals("bn")).toList();
        assertFalse(bn.isEmpty());
        assertTrue(bn.stream().allMatch(p -> p.kind() == ParamKind.NORMALIZATION), bn::toString);
        assertEquals("hidden_W", model.parameters().get(0).qualifiedName());
    }

    @Test
    void computationGraphListsLayerVerticesInTopologicalOrder() {
        ComputationGraph graph = TestNetworks.graph();
        ModelHandle model = ModelHandle.of(graph);

        assertSame(graph, model.unwrap());
        assertEquals("ComputationGraph", model.kind());
        assertEquals("org.deeplearning4j.nn.graph.ComputationGraph", model.javaType());
        assertEquals(List.of("z_hidden", "a_out"), model.layers().stream().map(LayerInfo::name).toList());
        assertEquals(List.of("z_hidden_W", "z_hidden_b", "a_out_W", "a_out_b"),
                model.parameters().stream().map(ParamTensor::qualifiedName).toList());
        assertEquals(graph.paramTable().keySet(),
                new java.util.HashSet<>(model.parameters().stream().map(ParamTensor::qualifiedName).toList()));

        model.parameters().get(0).values().assign(-1);
        assertEquals(-1, graph.getParam("z_hidden_W").getDouble(5, 3), 0);
    }

    @Test
    void tensorMapGroupsByLayerPrefixInMapOrder() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put("fc2.weight", Nd4j.rand(DataType.FLOAT, 10, 32));
        state.put("fc1.weight", Nd4j.rand(DataType.FLOAT, 32, 784));
        state.put("fc1.bias", Nd4j.rand(DataType.FLOAT, 32));
        state.put("bn1.running_mean", Nd4j.rand(DataType.FLOAT, 32));
        state.put("fc2.bias", Nd4j.rand(DataType.FLOAT, 10));
        state.put("scale", Nd4j.rand(DataType.DOUBLE, 3));
        ModelHandle model = ModelHandle.of(state);

        assertSame(state, model.unwrap());
        assertFalse(model.isNetwork());
        assertEquals("Map<String, INDArray>", model.kind());
        assertEquals("java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray>", model.javaType());
        assertEquals(List.of("fc2", "fc1", "bn1", "scale"), model.layers().stream().map(LayerInfo::name).toList());
        assertTrue(model.layers().stream().allMatch(l -> l.type().equals("tensor") && l.nIn().isEmpty()));
        assertEquals(List.of("fc2.weight", "fc2.bias", "fc1.weight", "fc1.bias", "bn1.running_mean", "scale"),
                model.parameters().stream().map(ParamTensor::qualifiedName).toList());
        assertEquals(List.of(ParamKind.WEIGHT, ParamKind.BIAS, ParamKind.WEIGHT, ParamKind.BIAS,
                ParamKind.NORMALIZATION, ParamKind.WEIGHT), model.parameters().stream().map(ParamTensor::kind).toList());
        assertEquals("float64", model.parameters().get(5).dtype());
        assertEquals(64, model.parameters().get(5).bitsPerElement());
        assertSame(state.get("fc1.bias"), model.parameters().get(3).values());
    }

    @Test
    void singleTensorIsOneLayerNamedTensor() {
        INDArray tensor = Nd4j.rand(DataType.FLOAT, 3, 4);
        ModelHandle model = ModelHandle.of(tensor);

        assertSame(tensor, model.unwrap());
        assertEquals("INDArray", model.kind());
        assertEquals("org.nd4j.linalg.api.ndarray.INDArray", model.javaType());
        assertEquals(List.of(LayerInfo.tensor(0, "tensor")), model.layers());
        ParamTensor only = model.parameters().get(0);
        assertEquals(List.of("tensor", "tensor", ParamKind.WEIGHT, "tensor"),
                List.of(only.layer(), only.key(), only.kind(), only.qualifiedName()));
        assertSame(tensor, only.values());
    }

    @Test
    void deepCopyIsIndependentAndOfTheSameKind() {
        MultiLayerNetwork net = TestNetworks.mlp();
        ModelHandle copy = ModelHandle.of(net).deepCopy();
        assertNotSame(net, copy.unwrap());
        Bitwise.assertIdentical(net.params(), ((MultiLayerNetwork) copy.unwrap()).params());
        copy.parameters().get(0).values().assign(0);
        assertTrue(net.getParam("0_W").sumNumber().doubleValue() != 0);

        ModelHandle graphCopy = ModelHandle.of(TestNetworks.graph()).deepCopy();
        assertTrue(graphCopy.unwrap() instanceof ComputationGraph);

        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put("b.weight", Nd4j.ones(2));
        state.put("a.weight", Nd4j.ones(2));
        ModelHandle mapCopy = ModelHandle.of(state).deepCopy();
        assertEquals(List.of("b.weight", "a.weight"),
                List.copyOf(((Map<?, ?>) mapCopy.unwrap()).keySet()));
        mapCopy.parameters().get(0).values().assign(5);
        assertEquals(1, state.get("b.weight").getDouble(0), 0);

        INDArray tensor = Nd4j.ones(3);
        ModelHandle tensorCopy = ModelHandle.of(tensor).deepCopy();
        tensorCopy.parameters().get(0).values().assign(7);
        assertEquals(1, tensor.getDouble(0), 0);
    }

    @Test
    void unsupportedValuesNameTheirTypeOnOneLine() {
        Map<String, String> strings = new HashMap<>(Map.of("fc1.weight", "oops"));
        Map<Object, INDArray> intKeys = new HashMap<>(Map.of(1, Nd4j.ones(1)));
        for (Object value : new Object[] {"a string", null, strings, intKeys, new LinkedHashMap<>(), 3.5}) {
            assertFalse(ModelHandle.supports(value), String.valueOf(value));
            UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> ModelHandle.of(value));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains(ModelHandle.SUPPORTED_KINDS), e.getMessage());
        }
        assertTrue(message("a string").startsWith("cannot use a java.lang.String as a model"));
        assertTrue(message(null).startsWith("cannot use null as a model"));
        assertTrue(message(strings).contains("java.util.HashMap whose value for \"fc1.weight\" is a java.lang.String"));
        assertTrue(message(intKeys).contains("with key a java.lang.Integer"));
        assertTrue(message(new LinkedHashMap<>()).contains("an empty java.util.LinkedHashMap"));
    }

    @Test
    void supportsTheFourKinds() {
        assertTrue(ModelHandle.supports(TestNetworks.mlp()));
        assertTrue(ModelHandle.supports(TestNetworks.graph()));
        assertTrue(ModelHandle.supports(Map.of("w", Nd4j.ones(2))));
        assertTrue(ModelHandle.supports(Nd4j.ones(2)));
    }

    @Test
    void uninitializedNetworksAskForInit() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder().nIn(2).nOut(2).build()).build());
        Slim4jException e = assertThrows(Slim4jException.class, () -> ModelHandle.of(net));
        assertEquals("the MultiLayerNetwork has not been initialized; call init() on it before using it as a model",
                e.getMessage());
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in").addLayer("out", new OutputLayer.Builder().nIn(2).nOut(2).build(), "in")
                .setOutputs("out").build());
        assertEquals("the ComputationGraph has not been initialized; call init() on it before using it as a model",
                assertThrows(Slim4jException.class, () -> ModelHandle.of(graph)).getMessage());
    }

    private static String message(Object value) {
        return assertThrows(UnsupportedModelException.class, () -> ModelHandle.of(value)).getMessage();
    }
}
