package io.github.slim4j.onnx.export;

import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph being changed for export: nodes in order, initializers by name. New nodes go right
 * after the node whose output they read (or first, when they read only initializers), so the node
 * list stays topologically sorted; everything else keeps its place and name.
 */
final class GraphEditor {
    private final GraphProto.Builder graph;
    private final List<NodeProto.Builder> nodes = new ArrayList<>();
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final List<NodeProto.Builder> leading = new ArrayList<>();

    GraphEditor(GraphProto original) {
        this.graph = original.toBuilder().clearNode().clearInitializer();
        original.getNodeList().forEach(node -> {
            nodes.add(node.toBuilder());
            names.addAll(node.getOutputList());
            names.add(node.getName());
        });
        original.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        names.addAll(initializers.keySet());
        original.getInputList().forEach(i -> names.add(i.getName()));
    }

    /** A name used by no value, node or initializer yet, and now taken. */
    String fresh(String wanted) {
        String name = wanted;
        for (int i = 1; !names.add(name); i++) {
            name = wanted + "_" + i;
        }
        return name;
    }

    TensorProto initializer(String name) {
        return initializers.get(name);
    }

    void putInitializer(TensorProto tensor) {
        names.add(tensor.getName());
        initializers.put(tensor.getName(), tensor);
    }

    void removeInitializer(String name) {
        initializers.remove(name);
    }

    /** The nodes that read the value, in order. */
    List<NodeProto.Builder> consumers(String value) {
        return nodes.stream().filter(node -> node.getInputList().contains(value)).toList();
    }

    /** The node that writes the value, if a node does. */
    NodeProto.Builder producer(String value) {
        return nodes.stream().filter(node -> node.getOutputList().contains(value)).findFirst().orElse(null);
    }

    /** Makes every node that reads {@code from} read {@code to} instead. */
    void rewireConsumers(String from, String to) {
        for (NodeProto.Builder node : nodes) {
            for (int i = 0; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(from)) {
                    node.setInput(i, to);
                }
            }
        }
    }

    /** Makes one node read {@code to} where it read {@code from}. */
    static void rewire(NodeProto.Builder node, String from, String to) {
        for (int i = 0; i < node.getInputCount(); i++) {
            if (node.getInput(i).equals(from)) {
                node.setInput(i, to);
            }
        }
    }

    /** Adds a node that reads only initializers, ahead of every other node. */
    void addLeading(NodeProto node) {
        leading.add(node.toBuilder());
    }

    /** The node added ahead of all that writes the value, if one does. */
    NodeProto leadingProducer(String value) {
        return leading.stream().filter(node -> node.getOutputList().contains(value)).findFirst().map(NodeProto.Builder::build).orElse(null);
    }

    /** Adds nodes right after the node that writes {@code value}, or ahead of all when no node writes it. */
    void addAfterProducerOf(String value, NodeProto... added) {
        NodeProto.Builder producer = producer(value);
        int at = producer == null ? 0 : nodes.indexOf(producer) + 1;
        for (NodeProto node : added) {
            nodes.add(at++, node.toBuilder());
        }
    }

    void removeNode(NodeProto.Builder node) {
        nodes.remove(node);
    }

    List<NodeProto.Builder> nodes() {
        return nodes;
    }

    GraphProto build() {
        GraphProto.Builder result = graph.clone();
        leading.forEach(node -> result.addNode(node.build()));
        nodes.forEach(node -> result.addNode(node.build()));
        initializers.values().forEach(result::addInitializer);
        return result.build();
    }

    static NodeProto node(String opType, String name, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addAllOutput(outputs);
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        return node.build();
    }

}
