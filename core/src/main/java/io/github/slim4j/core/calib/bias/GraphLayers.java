package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.network.GraphWiring;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A ComputationGraph's layers, named by vertex: each reads the one vertex its layer vertex names as
 * input, whose values a capture reads whatever the vertex is (a point or not, such as a reshape).
 */
final class GraphLayers implements NetworkLayers {
    private final ComputationGraph graph;
    private final GraphWiring wiring;

    GraphLayers(ComputationGraph graph) {
        this.graph = graph;
        this.wiring = GraphWiring.of(graph);
    }

    @Override
    public Layer layer(LayerInfo layer) {
        return graph.getLayer(layer.name());
    }

    @Override
    public Optional<InputPreProcessor> preprocessor(LayerInfo layer) {
        return wiring.preprocessor(layer.name());
    }

    @Override
    public Optional<String> inputProblem(LayerInfo layer) {
        return Optional.empty();
    }

    /** A layer vertex reads exactly one vertex. */
    @Override
    public String input(LayerInfo layer) {
        return wiring.inputs(layer.name()).get(0);
    }
}
