package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ValueReader;
import io.github.slim4j.core.network.GraphWiring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Reads a ComputationGraph's values by vertex name with {@code ComputationGraph.feedForward} in
 * inference mode. DL4J's activation layers apply their function in place in inference, so the
 * values it reports for a vertex an activation layer reads are already activated. When that
 * concerns a vertex to read, the pass runs on a twin of the graph that shares its parameters and
 * whose activation layers read copies ({@link CopiedInput}); the graph itself is left alone.
 */
final class GraphReader {
    private GraphReader() {
    }

    static ValueReader of(ComputationGraph graph, List<String> outputs) {
        GraphWiring wiring = GraphWiring.of(graph);
        Set<String> inPlaceReaders = new LinkedHashSet<>();
        for (String output : outputs) {
            if (!wiring.order().contains(output)) {
                throw new Slim4jException("the graph has no vertex named " + output + "; its vertices are " + String.join(", ", wiring.order()));
            }
            wiring.consumers(output).stream().filter(consumer -> readsInPlace(wiring, consumer)).forEach(inPlaceReaders::add);
        }
        ComputationGraph run = inPlaceReaders.isEmpty() ? graph : twin(graph, wiring, inPlaceReaders);
        return batch -> read(run, batch, outputs);
    }

    private static boolean readsInPlace(GraphWiring wiring, String vertex) {
        return wiring.layer(vertex).map(LayerSupport::unfrozen).filter(ActivationLayer.class::isInstance).isPresent();
    }

    /** The same vertices, in the same order, laid over the graph's own parameter array. */
    private static ComputationGraph twin(ComputationGraph graph, GraphWiring wiring, Set<String> copying) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        conf.setTopologicalOrder(graph.topologicalSortOrder().clone());
        conf.setTopologicalOrderStr(new ArrayList<>(wiring.order()));
        for (String name : copying) {
            LayerVertex vertex = (LayerVertex) conf.getVertices().get(name);
            vertex.setPreProcessor(new CopiedInput(vertex.getPreProcessor()));
        }
        ComputationGraph twin = new ComputationGraph(conf);
        twin.init(graph.params(), false);
        return twin;
    }

    private static Map<String, INDArray> read(ComputationGraph graph, DataSet batch, List<String> outputs) {
        boolean masked = batch.getFeaturesMaskArray() != null || batch.getLabelsMaskArray() != null;
        if (masked) {
            graph.setLayerMaskArrays(masks(batch.getFeaturesMaskArray()), masks(batch.getLabelsMaskArray()));
        }
        try {
            Map<String, INDArray> all = graph.feedForward(new INDArray[] {batch.getFeatures()}, false);
            Map<String, INDArray> values = new LinkedHashMap<>();
            outputs.forEach(output -> values.put(output, all.get(output)));
            return values;
        } finally {
            if (masked) {
                graph.clearLayerMaskArrays();
            }
        }
    }

    private static INDArray[] masks(INDArray mask) {
        return mask == null ? null : new INDArray[] {mask};
    }
}
