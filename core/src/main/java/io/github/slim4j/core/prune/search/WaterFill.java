package io.github.slim4j.core.prune.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits a whole number of entries among tensors in proportion to their weights (their sizes),
 * within bounds per tensor: the water level of communicating vessels.
 *
 * <p>Part j is {@code clamp(x·w_j, low_j, high_j)} for the one level x at which the parts add up to
 * the amount: a tensor whose bound stops it takes its bound, and the others share the rest in
 * proportion, so a full tensor passes its share on instead of the split failing. The sum is
 * non-decreasing in x, so x is found by bisection. The real parts are then rounded to whole entries
 * by the largest-remainder method (Hamilton's apportionment): round each down, then give the entries
 * still missing one at a time to the largest fractions, which keeps every part within one entry of
 * its real share and the total exact.
 */
final class WaterFill {
    private static final int BISECTIONS = 200;

    private WaterFill() {
    }

    /**
     * @param weights positive
     * @return parts with {@code low[j] <= part[j] <= high[j]} adding up to {@code amount}
     * @throws IllegalArgumentException unless {@code sum(low) <= amount <= sum(high)}
     */
    static long[] split(long amount, long[] weights, long[] low, long[] high) {
        if (amount < sum(low) || amount > sum(high)) {
            throw new IllegalArgumentException("cannot split " + amount + " within bounds adding up to " + sum(low)
                    + " and " + sum(high));
        }
        double level = level(amount, weights, low, high);
        int n = weights.length;
        long[] parts = new long[n];
        double[] fractions = new double[n];
        long missing = amount;
        for (int j = 0; j < n; j++) {
            double share = share(level, j, weights, low, high);
            parts[j] = (long) Math.floor(share);
            fractions[j] = share - parts[j];
            missing -= parts[j];
        }
        int[] byFraction = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -fractions[j]))
                .mapToInt(Integer::intValue).toArray();
        // One pass gives the missing entries in exact arithmetic; more only absorb the level's rounding error.
        while (missing > 0) {
            for (int j : byFraction) {
                if (missing > 0 && parts[j] < high[j]) {
                    parts[j]++;
                    missing--;
                }
            }
        }
        return parts;
    }

    /** The highest level found whose parts add up to no more than the amount, so rounding only adds. */
    private static double level(long amount, long[] weights, long[] low, long[] high) {
        double below = 0;
        double above = IntStream.range(0, weights.length).mapToDouble(j -> (double) high[j] / weights[j]).max().orElse(0);
        for (int i = 0; i < BISECTIONS; i++) {
            double middle = (below + above) / 2;
            if (middle <= below || middle >= above) {
                break;
            }
            if (total(middle, weights, low, high) <= amount) {
                below = middle;
            } else {
                above = middle;
            }
        }
        return below;
    }

    private static double total(double level, long[] weights, long[] low, long[] high) {
        return IntStream.range(0, weights.length).mapToDouble(j -> share(level, j, weights, low, high)).sum();
    }

    private static double share(double level, int j, long[] weights, long[] low, long[] high) {
        return Math.min(high[j], Math.max(low[j], level * weights[j]));
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }
}
