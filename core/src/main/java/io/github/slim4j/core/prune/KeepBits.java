package io.github.slim4j.core.prune;

/** Clearing bits of a mask under construction: bit {@code i % 64} of word {@code i / 64}, set = kept. */
final class KeepBits {
    private KeepBits() {
    }

    static void clear(long[] keep, int index) {
        keep[index >>> 6] &= ~(1L << index);
    }

    /** Clears bits {@code [from, to)}, whole words at a time where it can. */
    static void clear(long[] keep, int from, int to) {
        int index = from;
        while (index < to && (index & 63) != 0) {
            clear(keep, index++);
        }
        while (index + 64 <= to) {
            keep[index >>> 6] = 0;
            index += 64;
        }
        while (index < to) {
            clear(keep, index++);
        }
    }
}
