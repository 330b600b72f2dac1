package io.github.slim4j.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;

/**
 * A DL4J {@link ComputationGraph}. Its layers are the graph's layer vertices in topological order,
 * named by vertex name; inputs and parameterless vertices (merge, element-wise...) are left out.
 * An imported graph names and lays out its layers and tensors as its {@link GraphOrigin} says.
 */
public final class GraphHandle implements ModelHandle {
    private final ComputationGraph graph;

    GraphHandle(ComputationGraph graph) {
        if (graph.getVertices() == null) {
            throw Dl4jLayers.notInitialized("ComputationGraph");
        }
        this.graph = graph;
    }

    public ComputationGraph graph() {
        return graph;
    }

    @Override
    public Object unwrap() {
        return graph;
    }

    @Override
    public String kind() {
        return "ComputationGraph";
    }

    @Override
    public String javaType() {
        return ComputationGraph.class.getName();
    }

    @Override
    public Optional<GraphOrigin> origin() {
        return GraphOrigin.of(graph);
    }

    @Override
    public List<LayerInfo> layers() {
        Optional<GraphOrigin> origin = origin();
        if (origin.isPresent()) {
            return origin.get().layers(graph);
        }
        List<LayerInfo> infos = new ArrayList<>();
        forEachLayer((name, layer) -> infos.add(Dl4jLayers.info(infos.size(), name, layer)));
        return List.copyOf(infos);
    }

    @Override
    public List<ParamTensor> parameters() {
        Optional<GraphOrigin> origin = origin();
        if (origin.isPresent()) {
            return origin.get().parameters(graph);
        }
        List<ParamTensor> params = new ArrayList<>();
        forEachLayer((name, layer) -> Dl4jLayers.addParameters(name, layer, params));
        return List.copyOf(params);
    }

    /**
     * A clone with a listener collection of its own, holding the original's listeners except that
     * each {@link NetworkBoundListener}, such as pruning masks, is replaced by a copy for the clone;
     * and sharing the original's origin.
     */
    @Override
    public ModelHandle deepCopy() {
        ComputationGraph copy = graph.clone();
        NetworkListeners.unshare(copy);
        NetworkListeners.copyTo(graph, copy);
        origin().ifPresent(origin -> GraphOrigin.attach(copy, origin));
        return new GraphHandle(copy);
    }

    @Override
    public boolean isNetwork() {
        return true;
    }

    @Override
    public String toString() {
        return "GraphHandle[" + graph.getNumLayers() + " layers]";
    }

    private void forEachLayer(BiConsumer<String, Layer> action) {
        GraphVertex[] vertices = graph.getVertices();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[index];
            if (vertex.hasLayer()) {
                action.accept(vertex.getVertexName(), vertex.getLayer());
            }
        }
    }
}
