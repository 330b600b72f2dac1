package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ValueReader;
import io.github.slim4j.core.network.GraphWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;

/**
 * A {@link ComputationGraph}'s points ({@link GraphPoints}), read by vertex name
 * ({@link GraphReader}); its simulation inserts a fake-quantizing activation layer after each
 * quantized point, the inputs' included ({@link GraphRewrite}).
 */
final class VertexGraph implements PointNetwork {
    private final ModelHandle model;
    private final ComputationGraph graph;

    VertexGraph(ModelHandle model, ComputationGraph graph) {
        this.model = model;
        this.graph = graph;
    }

    @Override
    public List<Site> sites() {
        return GraphPoints.of(model, GraphWiring.of(graph));
    }

    /** The source's own runtime when an imported graph has one (faster than DL4J's pass), else DL4J's. */
    @Override
    public ValueReader reader(List<String> outputs) {
        return GraphOrigin.of(graph).flatMap(origin -> origin.reader(graph, outputs)).orElseGet(() -> GraphReader.of(graph, outputs));
    }

    @Override
    public Model withFakeQuantization(Map<String, ActivationQuantization> points) {
        return GraphRewrite.build(graph, points);
    }

    @Override
    public List<FakeQuantLayer> fakeQuantLayers() {
        List<FakeQuantLayer> found = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = graph.getVertices()[index];
            if (vertex.hasLayer()) {
                FakeQuantLayer.of(vertex.getVertexName(), index, vertex.getLayer().conf().getLayer()).ifPresent(found::add);
            }
        }
        return List.copyOf(found);
    }

    @Override
    public Optional<ActivationQuantization> fakeQuantInput() {
        return Optional.empty();
    }
}
