package io.github.slim4j.core.prune;

import java.util.OptionalDouble;

/**
 * What a prune will do to one tensor, computed before anything is written.
 *
 * @param after     the mask after the prune: the target's mask so far, AND the criterion's choice
 * @param threshold the largest |w| or channel norm the prune sets to zero, when the criterion has one;
 *                  empty when it zeroes nothing (it selected only masked entries or zeros)
 */
record TensorPlan(Target target, Mask after, OptionalDouble threshold) {

    /**
     * The threshold of a selection over magnitude or norm keys, the float its largest selected key
     * holds; none when that is a masked entry's key or the key of zero.
     */
    static OptionalDouble threshold(int largestSelectedKey) {
        return largestSelectedKey <= 0 ? OptionalDouble.empty() : OptionalDouble.of(Float.intBitsToFloat(largestSelectedKey));
    }
}
