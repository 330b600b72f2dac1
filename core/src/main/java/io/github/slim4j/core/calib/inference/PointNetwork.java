package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.GraphHandle;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ValueReader;
import io.github.slim4j.core.model.MultiLayerHandle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;

/**
 * What activation quantization needs to know of one kind of DL4J network: where its points are,
 * how a batch's values are read at them, and how fake quantization is put after them in a new
 * network. {@link QuantizationPoints}, {@link ActivationCapture}, {@link SimulatedQuantization} and
 * {@link FakeQuantLayers} keep the rules all kinds share and ask this for the rest, so another kind
 * of network is one more implementation here.
 */
sealed interface PointNetwork permits LayerStack, VertexGraph {

    /**
     * @throws Slim4jException when the model is not a DL4J network
     */
    static PointNetwork of(ModelHandle model) {
        if (model instanceof MultiLayerHandle multiLayer) {
            return new LayerStack(model, multiLayer.network());
        }
        if (model instanceof GraphHandle graph) {
            return new VertexGraph(model, graph.graph());
        }
        throw new Slim4jException("quantization points need a DL4J network (MultiLayerNetwork or ComputationGraph); "
                + "this model is of kind " + model.kind());
    }

    /** The network's inputs and every layer or vertex output that could hold a point, in network order. */
    List<Site> sites();

    /**
     * Reads one batch's values, in inference mode and detached from DL4J's workspaces, at each of
     * the named outputs: a point's name, or in a ComputationGraph any vertex's.
     *
     * @throws Slim4jException naming the first output the network does not have
     */
    ValueReader reader(List<String> outputs);

    /**
     * A new, initialized network computing what this one does, with each point of the map
     * fake-quantized after its values, and this one's parameters, updater state and counters.
     *
     * @param points the points to fake-quantize, by name, in network order
     */
    Model withFakeQuantization(Map<String, ActivationQuantization> points);

    /** The inserted fake-quantizing layers the network has, in network order. */
    List<FakeQuantLayer> fakeQuantLayers();

    /** How the network input is fake-quantized, when a preprocessor does it rather than an inserted layer. */
    Optional<ActivationQuantization> fakeQuantInput();

    /** One place in network order: a quantization point, or values that stay float. */
    sealed interface Site {
    }

    /**
     * @param feedsLoss whether the values are an output layer's, which feed the loss and stay float in a simulation
     */
    record Point(QuantizationPoint point, boolean feedsLoss) implements Site {
    }

    record InFloat(FloatOutput output) implements Site {
    }
}
