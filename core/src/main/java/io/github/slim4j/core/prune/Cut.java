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
    List<Taker> takers(List<? extends KeyStream> segments) {
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

    private long tiesIn(KeyStream keys) {
        if (ties == 0) {
            return 0;
        }
        long[] equal = {0};
        keys.forEachChunk((chunk, from, length) -> {
            int inChunk = 0;
            for (int i = 0; i < length; i++) {
                inChunk += chunk[i] == threshold ? 1 : 0;
            }
            equal[0] += inChunk;
        });
        return equal[0];
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
            return tookTiesSince(tiesBefore) ? threshold : largestBelow(keys, keys.length);
        }

        /** Whether ties were taken since {@link #tiesLeft()} was {@code tiesBefore}: then the threshold was selected. */
        boolean tookTiesSince(long tiesBefore) {
            return tiesLeft < tiesBefore;
        }

        int threshold() {
            return threshold;
        }

        /**
         * The largest of {@code keys[0..length)} below the threshold, or {@code Integer.MIN_VALUE}.
         * Below or not is a mask from the sign of a long difference, as in {@link #select}: C2
         * compiles the plain conditional to a branch that fails on every other key (5 ns a key
         * against 1.3, measured on normal weights at 50%).
         */
        int largestBelow(int[] keys, int length) {
            int largest = Integer.MIN_VALUE;
            for (int i = 0; i < length; i++) {
                int key = keys[i];
                long below = ((long) key - threshold) >> 63;
                largest = Math.max(largest, (int) ((key & below) | (Integer.MIN_VALUE & ~below)));
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
