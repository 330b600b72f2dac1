package io.github.slim4j.onnx.convert;

import io.github.slim4j.core.model.ParamKind;
import io.github.slim4j.core.model.WeightAxes;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of one ONNX graph's conversion into a DL4J graph: what each ONNX value stands for, the
 * vertices added so far, and which initializers they hold. Operator converters read their inputs
 * and add vertices through it; it keeps the bookkeeping (unique vertex names, which nodes were
 * fused into another) in one place.
 */
final class Conversion {
    private final GraphBuilder builder;
    private final long opset;
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers;
    private final Set<String> graphOutputs;
    private final Set<NodeProto> absorbed = new HashSet<>();
    private final Set<String> vertexNames = new HashSet<>();
    private final Map<NodeProto, String> nodeNames = new HashMap<>();
    private final List<ImportedLayer> layers = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final Set<String> boundNames = new HashSet<>();
    private final Map<String, INDArray> initialValues = new LinkedHashMap<>();
    private final Map<String, String> vertexOutputs = new LinkedHashMap<>();

    Conversion(GraphBuilder builder, long opset, List<NodeProto> nodes, Set<String> graphOutputs) {
        this.builder = builder;
        this.opset = opset;
        this.graphOutputs = Set.copyOf(graphOutputs);
        this.consumers = new HashMap<>();
        for (NodeProto node : nodes) {
            for (String input : node.getInputList()) {
                if (!input.isEmpty()) {
                    consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
                }
            }
        }
    }

    long opset() {
        return opset;
    }

    void define(String name, Value value) {
        values.put(name, value);
    }

    Optional<Value> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The node's i-th input; an error naming the node when it is missing or unknown. */
    Value input(NodeProto node, int index) {
        if (index >= node.getInputCount() || node.getInput(index).isEmpty()) {
            throw error(node, "input " + index + " is missing");
        }
        String name = node.getInput(index);
        Value value = values.get(name);
        if (value == null) {
            throw error(node, "input '" + name + "' is produced by no earlier node, initializer or graph input");
        }
        return value;
    }

    boolean hasInput(NodeProto node, int index) {
        return index < node.getInputCount() && !node.getInput(index).isEmpty();
    }

    Value.Activation activation(NodeProto node, int index) {
        if (input(node, index) instanceof Value.Activation activation) {
            return activation;
        }
        throw error(node, "input '" + node.getInput(index) + "' is a constant where slim4j needs a tensor computed from the model input");
    }

    TensorData constant(NodeProto node, int index, String what) {
        if (input(node, index) instanceof Value.Constant constant) {
            return constant.data();
        }
        throw error(node, what + " '" + node.getInput(index) + "' must be an initializer or a Constant node's output, "
                + "not a tensor computed from the model input");
    }

    Attributes attributes(NodeProto node) {
        return new Attributes(node);
    }

    /**
     * The node that alone reads the value, when the value is not also a graph output and the node's
     * other inputs are known already, so it can be fused into the value's producer.
     */
    Optional<NodeProto> soleConsumer(String value) {
        List<NodeProto> readers = consumers.getOrDefault(value, List.of());
        if (readers.size() != 1 || graphOutputs.contains(value)) {
            return Optional.empty();
        }
        NodeProto reader = readers.get(0);
        boolean ready = reader.getInputList().stream().allMatch(input -> input.isEmpty() || input.equals(value) || values.containsKey(input));
        return ready ? Optional.of(reader) : Optional.empty();
    }

    /** Marks a node as computed by an earlier node's vertex, so it is not converted on its own. */
    void absorb(NodeProto node) {
        absorbed.add(node);
    }

    boolean isAbsorbed(NodeProto node) {
        return absorbed.contains(node);
    }

    /** A vertex name for the node: its own name if it has a unique one, else the operator and its position. */
    String vertexName(NodeProto node) {
        return nodeNames.computeIfAbsent(node, n -> unique(n.getName().isEmpty() ? n.getOpType() : n.getName()));
    }

    /** A vertex name not used yet, for vertices that serve a node but are not the node itself. */
    String unique(String wanted) {
        String name = wanted;
        for (int i = 1; !vertexNames.add(name); i++) {
            name = wanted + "_" + i;
        }
        return name;
    }

    void reserve(String name) {
        vertexNames.add(name);
    }

    /**
     * Adds a layer vertex that computes {@code output} from {@code input}; the ONNX nodes it covers
     * are listed for tables. Returns the activation it produces.
     */
    Value.Activation addLayer(String vertex, Layer layer, String input, String output, long[] shape, ImportedLayer info) {
        layer.setLayerName(vertex);
        builder.addLayer(vertex, layer, input);
        if (info != null) {
            layers.add(info);
        }
        return produce(vertex, output, shape);
    }

    /** Adds a parameterless vertex that computes {@code output}. */
    Value.Activation addVertex(String vertex, GraphVertex graphVertex, String output, long[] shape, String... inputs) {
        builder.addVertex(vertex, graphVertex, inputs);
        return produce(vertex, output, shape);
    }

    /** Adds a layer that only serves another vertex (padding before a convolution), named after it. */
    String addHelperLayer(String vertex, Layer layer, String input) {
        layer.setLayerName(vertex);
        builder.addLayer(vertex, layer, input);
        return vertex;
    }

    private Value.Activation produce(String vertex, String output, long[] shape) {
        Value.Activation activation = new Value.Activation(vertex, shape);
        values.put(output, activation);
        vertexOutputs.put(vertex, output);
        return activation;
    }

    /**
     * Records that a DL4J parameter holds an initializer, and the values to start it with. An
     * initializer that several nodes read (exporters merge equal tensors) becomes one parameter per
     * node, free to change apart: the later ones take the name {@code initializer@vertex}.
     */
    void bind(TensorData initializer, String vertex, String key, ParamLayout layout, ParamKind kind, WeightAxes axes) {
        String name = boundNames.add(initializer.name()) ? initializer.name() : initializer.name() + "@" + vertex;
        boundNames.add(name);
        bindings.add(new Binding(name, initializer.name(), vertex, key, layout, kind, axes));
        initialValues.put(vertex + "\u0000" + key, initializer.toArray());
    }

    List<ImportedLayer> layers() {
        return layers;
    }

    List<Binding> bindings() {
        return bindings;
    }

    Map<String, String> vertexOutputs() {
        return vertexOutputs;
    }

    /** Every vertex name taken so far. */
    Set<String> vertexNames() {
        return vertexNames;
    }

    /** The initializer values, by vertex and key, in the ONNX layout. */
    INDArray initialValue(Binding binding) {
        return initialValues.get(binding.vertex() + "\u0000" + binding.key());
    }

    static OnnxException error(NodeProto node, String problem) {
        return new OnnxException("node '" + node.getName() + "' (" + node.getOpType() + "): " + problem);
    }

    /**
     * An axis attribute as an index into {@code rank} places, counting from the end when negative
     * as ONNX allows; refused out of range.
     */
    static int axis(NodeProto node, String attribute, long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw error(node, attribute + " " + axis + " is out of range; allowed are " + -rank + " to " + (rank - 1));
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    static OptionalLong size(long value) {
        return value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
    }
}
