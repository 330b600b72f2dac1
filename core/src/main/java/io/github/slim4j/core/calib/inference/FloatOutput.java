package io.github.slim4j.core.calib.inference;

/**
 * Values that stay in float: the network input's or a layer's output, and why.
 *
 * @param name the point's name ({@value QuantizationPoint#INPUT} for the input), else the layer's
 *     name as {@code LayerInfo} gives it
 * @param layerType the layer's DL4J configuration class, e.g. "LSTM"; "input" for the input
 * @param reason a short human text, e.g. "recurrent layers are not supported: ..."
 */
public record FloatOutput(String name, String layerType, String reason) {
}
