package io.github.slim4j.core.calib.inference;

/**
 * A place in a network where integer inference would hold quantized activations: the network input,
 * or a layer's output after its activation function.
 *
 * @param name {@link #INPUT} for the network input, else the layer's name as {@code LayerInfo} gives it
 * @param layerIndex the layer's index in the network, -1 for the input
 * @param layerType the layer's DL4J configuration class, e.g. "DenseLayer"; "input" for the input
 */
public record QuantizationPoint(String name, int layerIndex, String layerType) {

    /** The name of the network input's point. */
    public static final String INPUT = "input";

    static QuantizationPoint input() {
        return new QuantizationPoint(INPUT, -1, INPUT);
    }

    /** Where the point's values sit in the list {@code MultiLayerNetwork.feedForward} returns, which starts with the input. */
    public int activationIndex() {
        return layerIndex + 1;
    }
}
