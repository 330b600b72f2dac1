package io.github.slim4j.core.calib.bias;

/**
 * A layer with parameters whose bias was not corrected, and why.
 *
 * @param layer  the layer's name, as {@code ModelHandle.layers()} gives it
 * @param type   its DL4J configuration class, e.g. "BatchNormalization"
 * @param reason a short human text, e.g. "it has no bias"
 */
public record SkippedLayer(String layer, String type, String reason) {
}
