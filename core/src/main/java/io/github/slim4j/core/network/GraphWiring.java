package io.github.slim4j.core.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * How the vertices of an initialized {@link ComputationGraph} are wired: what each vertex reads and
 * what reads it, the layer it holds, and the order DL4J runs them in. Rules that look along a graph
 * (quantization points, equalization pairs, where bias correction reads a layer's input) ask this
 * rather than DL4J's configuration maps, whose consumers must be worked out backwards.
 */
public final class GraphWiring {
    private final ComputationGraph graph;
    private final ComputationGraphConfiguration conf;
    private final List<String> order;
    private final Map<String, List<String>> consumers;

    private GraphWiring(ComputationGraph graph, List<String> order, Map<String, List<String>> consumers) {
        this.graph = graph;
        this.conf = graph.getConfiguration();
        this.order = List.copyOf(order);
        this.consumers = consumers;
    }

    public static GraphWiring of(ComputationGraph graph) {
        List<String> order = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            order.add(graph.getVertices()[index].getVertexName());
        }
        Map<String, Set<String>> readers = new HashMap<>();
        for (String name : order) {
            graph.getConfiguration().getVertexInputs().getOrDefault(name, List.of())
                    .forEach(input -> readers.computeIfAbsent(input, key -> new LinkedHashSet<>()).add(name));
        }
        Map<String, List<String>> consumers = new HashMap<>();
        readers.forEach((name, set) -> consumers.put(name, List.copyOf(set)));
        return new GraphWiring(graph, order, consumers);
    }

    public ComputationGraph graph() {
        return graph;
    }

    /** Every vertex, network inputs included, in the topological order DL4J runs and lays out the graph in. */
    public List<String> order() {
        return order;
    }

    public List<String> networkInputs() {
        return conf.getNetworkInputs();
    }

    public boolean isNetworkInput(String vertex) {
        return conf.getNetworkInputs().contains(vertex);
    }

    public boolean isNetworkOutput(String vertex) {
        return conf.getNetworkOutputs().contains(vertex);
    }

    /** The vertices this one reads, in its input order; empty for a network input. */
    public List<String> inputs(String vertex) {
        return conf.getVertexInputs().getOrDefault(vertex, List.of());
    }

    /** The vertices that read this one, each once, in topological order. */
    public List<String> consumers(String vertex) {
        return consumers.getOrDefault(vertex, List.of());
    }

    /** The vertex's configuration, through a {@link FrozenVertex} to the vertex it freezes; empty for a network input. */
    public Optional<GraphVertex> vertex(String name) {
        GraphVertex vertex = conf.getVertices().get(name);
        while (vertex instanceof FrozenVertex frozen) {
            vertex = frozen.getUnderlying();
        }
        return Optional.ofNullable(vertex);
    }

    /** The layer configuration of a layer vertex, as configured (a frozen layer stays wrapped). */
    public Optional<Layer> layer(String name) {
        return vertex(name).filter(LayerVertex.class::isInstance).map(v -> ((LayerVertex) v).getLayerConf().getLayer());
    }

    /** What a layer vertex applies to its input before the layer, if anything. */
    public Optional<InputPreProcessor> preprocessor(String name) {
        return vertex(name).filter(LayerVertex.class::isInstance).map(v -> ((LayerVertex) v).getPreProcessor());
    }

    /** The vertex's index in the graph, as {@code ComputationGraph.getVertices()} holds it. */
    public int index(String name) {
        return graph.getVertex(name).getVertexIndex();
    }
}
