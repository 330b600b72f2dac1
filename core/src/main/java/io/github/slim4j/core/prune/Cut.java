package io.github.slim4j.core.prune;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a selection of the k smallest keys ends: every key below {@code threshold}, then the first
 * {@code ties} keys equal to it, in the order the keys come (storage order, then tensor order).
 * Taking ties in order is what makes every criterion's choice deterministic.
 */
record Cut(int threshold, long ties) {

    /** Selects nothing: no key is below the smallest int. */
    static final Cut NONE = new Cut(Integer.MIN_VALUE, 0);

    /** Walks the keys in order, as many calls as there are segments, sharing the ties left. */
    Taker taker() {
        return new Taker(threshold, ties);
    }

    /**
     * One taker for each segment, which selects from it exactly what {@link #taker()} selects
     * reading the segments in order: each gets the ties its segment holds while ties are left. So
     * the segments can be read at once, in any order.
     */
    List<Taker> takers(List<int[]> segments) {
        long[] tiesIn = segments.parallelStream().mapToLong(this::tiesIn).toArray();
        List<Taker> takers = new ArrayList<>(segments.size());
        long left = ties;
        for (long held : tiesIn) {
            long taken = Math.min(held, left);
            takers.add(new Taker(threshold, taken));
            left -= taken;
        }
        return takers;
    }

    private long tiesIn(int[] keys) {
        if (ties == 0) {
            return 0;
        }
        long equal = 0;
        for (int key : keys) {
            equal += key == threshold ? 1 : 0;
        }
        return equal;
    }

    /** The stateful side of a cut: which keys, read in order, it selects. */
    static final class Taker {
        private final int threshold;
        private long tiesLeft;

        private Taker(int threshold, long ties) {
            this.threshold = threshold;
            this.tiesLeft = ties;
        }

        /**
         * Bit {@code j} set when {@code keys[from + j]} is selected, for {@code count <= 64} keys.
         * Below the threshold is the sign bit of a long difference, not a branch: at 50% sparsity it
         * is a coin flip, which a branch mispredicts half the time. Equal to it is rare, so a branch
         * there is always predicted right.
         */
        long select(int[] keys, int from, int count) {
            long below = 0;
            long equal = 0;
            for (int j = 0; j < count; j++) {
                int key = keys[from + j];
                below |= (((long) key - threshold) >>> 63) << j;
                if (key == threshold) {
                    equal |= 1L << j;
                }
            }
            while (equal != 0 && tiesLeft > 0) {
                long lowest = equal & -equal;
                below |= lowest;
                equal ^= lowest;
                tiesLeft--;
            }
            return below;
        }

        /** Ties still to take; a segment took ties when this went down while it was read. */
        long tiesLeft() {
            return tiesLeft;
        }

        /**
         * The largest key this taker selected from {@code keys}, read with {@code tiesBefore} ties
         * left, or {@code Integer.MIN_VALUE} when it selected none. A segment that took a tie holds
         * the threshold, which no selected key exceeds; only a segment without one needs a pass.
         */
        int largestSelected(int[] keys, long tiesBefore) {
            if (tiesLeft < tiesBefore) {
                return threshold;
            }
            int largest = Integer.MIN_VALUE;
            for (int key : keys) {
                largest = Math.max(largest, key < threshold ? key : Integer.MIN_VALUE);
            }
            return largest;
        }

        /** Whether the next key is selected, for keys read one at a time. */
        boolean select(int key) {
            if (key < threshold) {
                return true;
            }
            if (key == threshold && tiesLeft > 0) {
                tiesLeft--;
                return true;
            }
            return false;
        }
    }
}
