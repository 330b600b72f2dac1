package io.github.slim4j.core.calib.inference;

/**
 * A place in a network where integer inference would hold quantized activations: a network input,
 * or a layer's or vertex's output (after the layer's activation function).
 *
 * @param name the input's name ({@link #INPUT} for a MultiLayerNetwork's), else the layer's name
 *     as {@code LayerInfo} gives it, or a ComputationGraph vertex's name
 * @param layerIndex the layer's index in a MultiLayerNetwork, the vertex's index in a
 *     ComputationGraph ({@code GraphVertex.getVertexIndex()}); -1 for a network input
 * @param layerType the layer's type as {@code LayerInfo} gives it, e.g. "DenseLayer", or a
 *     vertex's DL4J configuration class, e.g. "ElementWiseVertex"; "input" for a network input
 */
public record QuantizationPoint(String name, int layerIndex, String layerType) {

    /** The name of a MultiLayerNetwork input's point, and the type of every network input's. */
    public static final String INPUT = "input";

    static QuantizationPoint input() {
        return new QuantizationPoint(INPUT, -1, INPUT);
    }

    /** Where the point's values sit in the list {@code MultiLayerNetwork.feedForward} returns, which starts with the input. */
    public int activationIndex() {
        return layerIndex + 1;
    }
}
