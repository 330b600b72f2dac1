package io.github.slim4j.core.calib.equalize;

/**
 * One pair of layers after equalization.
 *
 * @param first        the layer whose output channels were divided by their factors
 * @param second       the next layer, whose input channels were multiplied by them
 * @param channels     the channels between them
 * @param spreadBefore the first layer's largest channel range over its smallest, before: how many
 *                     times finer a per-tensor grid is for its widest channel than its narrowest needs
 * @param spreadAfter  the same, after
 * @param minFactor    the smallest factor a channel was divided by, over all rounds
 * @param maxFactor    the largest
 */
public record EqualizedPair(String first, String second, int channels, double spreadBefore, double spreadAfter,
                            double minFactor, double maxFactor) {
}
