package io.github.slim4j.core.calib.inference;

import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A layer that simulated quantization inserted into a network: it fake-quantizes one point's values.
 *
 * @param name the layer's name, the point's name and {@link #SUFFIX}, e.g. "fc1/aq"
 * @param layerIndex where it sits in the simulated network: a MultiLayerNetwork's layer index, a
 *     ComputationGraph's vertex index
 * @param point the quantization point it serves, e.g. "fc1"
 * @param quantization its format and parameters
 */
public record FakeQuantLayer(String name, int layerIndex, String point, ActivationQuantization quantization) {

    /** Ends the name of every inserted layer. */
    public static final String SUFFIX = "/aq";

    static String nameFor(String point) {
        return point + SUFFIX;
    }

    /** The layer, when it is an activation layer that fake-quantizes and carries an inserted layer's name. */
    static Optional<FakeQuantLayer> of(String name, int index, Layer layer) {
        if (layer instanceof ActivationLayer activation && activation.getActivationFn() instanceof FakeQuantActivation fakeQuant
                && name != null && name.endsWith(SUFFIX)) {
            return Optional.of(new FakeQuantLayer(name, index, name.substring(0, name.length() - SUFFIX.length()), fakeQuant.quantization()));
        }
        return Optional.empty();
    }
}
