package io.github.slim4j.core.quant;

/**
 * Quantiles of a slice's values by selection rather than sorting: expected linear time.
 * Quickselect with a three-way partition, so that the many equal values of pruned weights (zeros)
 * cost one pass rather than a quadratic descent.
 */
final class OrderStatistics {

    private OrderStatistics() {
    }

    /**
     * The q-quantile (q in [0, 1]) of the values, interpolated linearly between the order
     * statistics {@code x(⌊h⌋)} and {@code x(⌊h⌋+1)} at rank {@code h = (n − 1)·q}, as
     * {@code torch.quantile} and NumPy's default: q = 0 is the minimum and q = 1 the maximum, exactly.
     * Reorders the array.
     */
    static float quantile(float[] values, double q) {
        double rank = (values.length - 1) * q;
        int below = (int) Math.floor(rank);
        float low = select(values, below);
        double fraction = rank - below;
        if (fraction == 0) {
            return low;
        }
        // After selection everything right of `below` is at least x(below); the next order statistic is their minimum.
        float high = Float.POSITIVE_INFINITY;
        for (int i = below + 1; i < values.length; i++) {
            high = Math.min(high, values[i]);
        }
        return (float) (low + fraction * ((double) high - low));
    }

    /** The k-th smallest value (from 0), leaving smaller values left of k and larger ones right of it. */
    private static float select(float[] values, int k) {
        int from = 0;
        int to = values.length - 1;
        while (true) {
            float pivot = values[(from + to) >>> 1];
            // Invariant: [from, lt) < pivot, [lt, i) == pivot, (gt, to] > pivot.
            int lt = from;
            int gt = to;
            int i = from;
            while (i <= gt) {
                float value = values[i];
                if (value < pivot) {
                    swap(values, lt++, i++);
                } else if (value > pivot) {
                    swap(values, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                to = lt - 1;
            } else if (k > gt) {
                from = gt + 1;
            } else {
                return pivot;
            }
        }
    }

    private static void swap(float[] values, int i, int j) {
        float value = values[i];
        values[i] = values[j];
        values[j] = value;
    }
}
