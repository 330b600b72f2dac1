package io.github.slim4j.onnx.parity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A simulated network cut at its fake-quantization vertices, so that every segment between two
 * quantized activations runs on inputs given from outside: each {@code P/aq} vertex still computes
 * P's fake-quantized value from what flows in, but its readers read a new network input
 * {@code P/aq/given} instead. Fed ONNX Runtime's own values at every point, the segments give what
 * the simulation computes for each layer from the runtime's inputs: differences that do not build
 * up from layer to layer.
 */
final class SplitGraph {
    static final String GIVEN = "/given";

    private final ComputationGraph graph;
    private final List<String> inputs;

    private SplitGraph(ComputationGraph graph, List<String> inputs) {
        this.graph = graph;
        this.inputs = inputs;
    }

    /** @param fakeQuantVertices the inserted {@code P/aq} vertices */
    static SplitGraph of(ComputationGraph simulated, List<String> fakeQuantVertices) {
        ComputationGraphConfiguration conf = simulated.getConfiguration().clone();
        Map<String, List<String>> vertexInputs = conf.getVertexInputs();
        for (String fakeQuant : fakeQuantVertices) {
            vertexInputs.values().forEach(list -> list.replaceAll(input -> input.equals(fakeQuant) ? fakeQuant + GIVEN : input));
        }
        conf.getNetworkOutputs().clear();
        conf.getNetworkOutputs().addAll(fakeQuantVertices);
        Set<String> needed = ancestors(vertexInputs, fakeQuantVertices);
        conf.getVertices().keySet().removeIf(vertex -> !needed.contains(vertex));
        vertexInputs.keySet().removeIf(vertex -> !needed.contains(vertex));
        for (String fakeQuant : fakeQuantVertices) {
            if (needed.contains(fakeQuant + GIVEN)) {
                conf.getNetworkInputs().add(fakeQuant + GIVEN);
            }
        }
        conf.getNetworkInputs().removeIf(input -> !needed.contains(input));
        conf.setTopologicalOrder(null);
        conf.setTopologicalOrderStr(null);
        ComputationGraph split = new ComputationGraph(conf);
        split.init();
        for (Layer layer : split.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            simulated.getLayer(name).paramTable().forEach((key, values) -> layer.getParam(key).assign(values));
        }
        return new SplitGraph(split, List.copyOf(conf.getNetworkInputs()));
    }

    ComputationGraph graph() {
        return graph;
    }

    /** The network inputs in order: the model input, then {@code P/aq/given} for the points that feed a segment. */
    List<String> inputs() {
        return inputs;
    }

    private static Set<String> ancestors(Map<String, List<String>> vertexInputs, List<String> outputs) {
        Set<String> seen = new HashSet<>(outputs);
        Deque<String> open = new ArrayDeque<>(outputs);
        while (!open.isEmpty()) {
            for (String input : vertexInputs.getOrDefault(open.pop(), new ArrayList<>())) {
                if (seen.add(input)) {
                    open.push(input);
                }
            }
        }
        return seen;
    }
}
