package io.github.slim4j.core.fold;

/**
 * A batch normalization folded into the layer before it.
 *
 * @param layer the convolution or dense layer that now computes both
 * @param normalization the batch-normalization layer that is gone
 */
public record FoldedPair(String layer, String normalization) {
}
