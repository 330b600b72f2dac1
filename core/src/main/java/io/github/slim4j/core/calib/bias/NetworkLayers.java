package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.GraphHandle;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.MultiLayerHandle;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;

/**
 * What bias correction needs to know of one kind of DL4J network: a layer's live parameters, the
 * preprocessor in front of it, and where its input can be captured.
 */
sealed interface NetworkLayers permits StackLayers, GraphLayers {

    /**
     * @param argument which model it is, for the message: "quantized" or "reference"
     * @throws Slim4jException when the model is not a DL4J network
     */
    static NetworkLayers of(ModelHandle model, String argument) {
        if (model instanceof MultiLayerHandle multiLayer) {
            return new StackLayers(model, multiLayer.network());
        }
        if (model instanceof GraphHandle graph) {
            return new GraphLayers(graph.graph());
        }
        String kind = model.kind();
        throw new Slim4jException("bias correction needs a DL4J network (MultiLayerNetwork or ComputationGraph) as the " + argument
                + " model, not " + ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind);
    }

    /** The live layer, as {@code ModelHandle.layers()} lists it. */
    Layer layer(LayerInfo layer);

    /** What the network applies to the layer's input before the layer, if anything. */
    Optional<InputPreProcessor> preprocessor(LayerInfo layer);

    /** Why the layer's input cannot be captured, if it cannot. */
    Optional<String> inputProblem(LayerInfo layer);

    /** The output whose values are the layer's input, as {@code ActivationCapture.runAt} names it; only when there is no input problem. */
    String input(LayerInfo layer);

}
