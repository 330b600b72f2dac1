package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.network.GraphWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A ComputationGraph with fake quantization put in: for each quantized point X, an activation layer
 * vertex "X/aq" reading X, and every vertex that read X (and the network outputs, if X was one)
 * reading "X/aq" instead. The inserted vertex of a network input also copies the input first
 * ({@link CopiedInput}), or its in-place fake quantization would change the caller's features.
 *
 * <p>DL4J lays a graph's parameters and updater state out in its topological order. The new graph
 * gets an explicit order: the original's, with each inserted vertex right after the point it
 * serves, so the original layers keep their relative order (inserted layers have no parameters).
 * Parameters are copied layer by layer under their vertex names and keys; the updater state, whose
 * blocks span layers, is copied whole, which that order makes exact. The iteration and epoch
 * counters, which DL4J's configuration clone drops, come along too, so training resumes as it
 * would have. The graph's origin, if it has one, is attached to the new graph.
 */
final class GraphRewrite {
    private GraphRewrite() {
    }

    static ComputationGraph build(ComputationGraph original, Map<String, ActivationQuantization> points) {
        GraphWiring wiring = GraphWiring.of(original);
        ComputationGraphConfiguration conf = original.getConfiguration().clone();
        List<String> order = new ArrayList<>(wiring.order());
        points.forEach((point, quantization) -> {
            String name = FakeQuantLayer.nameFor(point);
            if (order.contains(name)) {
                throw new Slim4jException("cannot fake-quantize point " + point + ": the graph already has a vertex named " + name
                        + "; quantize the float graph, not a simulated one");
            }
            conf.getVertexInputs().values().forEach(inputs -> inputs.replaceAll(input -> input.equals(point) ? name : input));
            conf.getNetworkOutputs().replaceAll(output -> output.equals(point) ? name : output);
            conf.getVertices().put(name, fakeQuantVertex(conf, name, quantization, wiring.isNetworkInput(point)));
            conf.getVertexInputs().put(name, new ArrayList<>(List.of(point)));
            order.add(order.indexOf(point) + 1, name);
        });
        conf.setTopologicalOrderStr(order);
        conf.setTopologicalOrder(indices(conf, order));
        conf.setIterationCount(original.getConfiguration().getIterationCount());
        conf.setEpochCount(original.getConfiguration().getEpochCount());
        ComputationGraph simulated = new ComputationGraph(conf);
        simulated.init(Nd4j.create(original.params().dataType(), 1, original.numParams()), false);
        copyParameters(original, simulated);
        copyUpdaterState(original, simulated);
        GraphOrigin.of(original).ifPresent(origin -> GraphOrigin.attach(simulated, origin));
        return simulated;
    }

    /** The global settings are the graph's defaults; an activation layer has no parameters for them to matter. */
    private static LayerVertex fakeQuantVertex(ComputationGraphConfiguration conf, String name, ActivationQuantization quantization,
            boolean readsNetworkInput) {
        NeuralNetConfiguration layerConf = conf.getDefaultConfiguration().clone();
        // After init the defaults list every parameter of the graph, which this layer does not have.
        layerConf.clearVariables();
        layerConf.setLayer(new ActivationLayer.Builder().name(name).activation(new FakeQuantActivation(quantization)).build());
        return new LayerVertex(layerConf, readsNetworkInput ? new CopiedInput(null) : null);
    }

    /** Each vertex's index as DL4J numbers them: the network inputs, then the vertices in the configuration's order. */
    private static int[] indices(ComputationGraphConfiguration conf, List<String> order) {
        List<String> numbered = new ArrayList<>(conf.getNetworkInputs());
        numbered.addAll(conf.getVertices().keySet());
        return order.stream().mapToInt(numbered::indexOf).toArray();
    }

    private static void copyParameters(ComputationGraph original, ComputationGraph simulated) {
        for (GraphVertex vertex : original.getVertices()) {
            if (vertex.hasLayer()) {
                vertex.getLayer().paramTable().forEach((key, values) ->
                        simulated.getLayer(vertex.getVertexName()).getParam(key).assign(values));
            }
        }
    }

    /** Adam's moments and the like, which DL4J's own clone() keeps too. */
    private static void copyUpdaterState(ComputationGraph original, ComputationGraph simulated) {
        ComputationGraphUpdater updater = original.getUpdater(false);
        if (updater != null && updater.getStateViewArray() != null) {
            simulated.getUpdater(true).getStateViewArray().assign(updater.getStateViewArray());
        }
    }
}
