package io.github.slim4j.core.prune.channels;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.MultiLayerHandle;
import io.github.slim4j.core.quant.Quantizations;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Channel removal for any model that supports it: structured pruning that makes the model smaller
 * instead of zeroing channels in place. A DL4J MultiLayerNetwork is cut here; an imported model is
 * cut by its {@link io.github.slim4j.core.model.GraphOrigin}, in its source's own graph.
 */
public final class Channels {
    private Channels() {
    }

    /**
     * A new model of the same kind with the chosen channels gone; the model itself is not changed.
     *
     * @throws Slim4jException for a model of another kind, a quantized one (remove channels first,
     *     then quantize), or one none of whose channels can be removed, saying why
     */
    public static ChannelCut remove(ModelHandle model, ChannelRequest request) {
        if (!Quantizations.of(model).isEmpty()) {
            throw new Slim4jException("the model is quantized; remove channels first, then quantize the smaller model");
        }
        if (model instanceof MultiLayerHandle network) {
            return MultiLayerChannels.remove(network, request);
        }
        if (model.unwrap() instanceof ComputationGraph graph && model.origin().isPresent()) {
            return model.origin().get().removeChannels(graph, request);
        }
        String article = model.kind().startsWith("I") ? "an " : "a ";
        throw new Slim4jException("channels can be removed from a MultiLayerNetwork or a model loaded from ONNX, not from " + article
                + model.kind() + (model.isNetwork() ? " built on the JVM" : ""));
    }
}
