package io.github.slim4j.core.calib.inference;

/**
 * A layer that simulated quantization inserted into a network: it fake-quantizes one point's values.
 *
 * @param name the layer's name, the point's name and {@link #SUFFIX}, e.g. "fc1/aq"
 * @param layerIndex the layer's index in the simulated network
 * @param point the quantization point it serves, e.g. "fc1"
 * @param quantization its format and parameters
 */
public record FakeQuantLayer(String name, int layerIndex, String point, ActivationQuantization quantization) {

    /** Ends the name of every inserted layer. */
    public static final String SUFFIX = "/aq";

    static String nameFor(String point) {
        return point + SUFFIX;
    }
}
