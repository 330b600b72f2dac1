package io.github.slim4j.core.prune;

import java.util.Arrays;

/**
 * The k-th smallest of a range of ints, moving them about: quickselect with a three-way partition,
 * so that runs of equal keys (zeros, masked entries) end the search at once, falling back to a
 * sort when the pivots keep splitting badly, which bounds the worst case at O(n log n).
 */
final class Introselect {
    /** Below this a sort is faster than partitioning. */
    private static final int SORT_BELOW = 24;

    private Introselect() {
    }

    /** The value that a sort of {@code keys[from, to)} would put at index {@code k}. */
    static int kth(int[] keys, int from, int to, int k) {
        int lo = from;
        int hi = to;
        int partitionsLeft = 2 * (Integer.SIZE - Integer.numberOfLeadingZeros(to - from));
        while (hi - lo > SORT_BELOW && partitionsLeft-- > 0) {
            int pivot = medianOfThree(keys[lo], keys[lo + (hi - lo) / 2], keys[hi - 1]);
            int less = lo;
            int greater = hi;
            int i = lo;
            while (i < greater) {
                int key = keys[i];
                if (key < pivot) {
                    keys[i++] = keys[less];
                    keys[less++] = key;
                } else if (key > pivot) {
                    keys[i] = keys[--greater];
                    keys[greater] = key;
                } else {
                    i++;
                }
            }
            if (k < less) {
                hi = less;
            } else if (k >= greater) {
                lo = greater;
            } else {
                return pivot;
            }
        }
        Arrays.sort(keys, lo, hi);
        return keys[k];
    }

    private static int medianOfThree(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
