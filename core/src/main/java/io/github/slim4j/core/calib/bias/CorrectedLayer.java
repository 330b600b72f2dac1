package io.github.slim4j.core.calib.bias;

/**
 * One layer whose bias was corrected.
 *
 * @param layer          the layer's name, as {@code ModelHandle.layers()} gives it
 * @param channels       its output channels, each of which got its own correction
 * @param meanCorrection the mean |correction| over the channels, in the bias's units
 * @param maxCorrection  the largest |correction|
 */
public record CorrectedLayer(String layer, int channels, double meanCorrection, double maxCorrection) {
}
