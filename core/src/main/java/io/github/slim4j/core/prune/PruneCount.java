package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;

/** How many units (weights or channels) an amount prunes, refusing a count above what there is. */
final class PruneCount {
    private PruneCount() {
    }

    /**
     * @param units what is counted, e.g. "weights"
     * @param of    whose they are, e.g. "0_W" or "the 2 selected tensors"
     * @throws Slim4jException naming the count and the limit
     */
    static long of(Amount amount, long total, String units, String of) {
        if (amount instanceof Amount.Count count && count.value() > total) {
            throw new Slim4jException("amount " + count.value() + " is more than the " + total + " " + units + " of " + of);
        }
        return amount.of(total);
    }
}
