package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.GraphWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

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

    @Override
    public Function<DataSet, Map<String, INDArray>> reader(List<String> outputs) {
        return GraphReader.of(graph, outputs);
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
