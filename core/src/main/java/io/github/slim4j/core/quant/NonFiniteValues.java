package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;

/**
 * Values no format quantizes, found while reading a tensor's extremes, with how many: the pass
 * that finds them is the one quantizing needs anyway, so finite tensors are not read once more to
 * check.
 */
final class NonFiniteValues extends Slim4jException {
    private final transient NonFinite count;

    NonFiniteValues(NonFinite count) {
        super("the tensor holds " + count.describe() + "; quantization needs finite values");
        this.count = count;
    }

    NonFinite count() {
        return count;
    }
}
