package io.github.slim4j.core.prune;

import io.github.slim4j.core.tensor.FloatReader;
import java.util.SplittableRandom;

/**
 * A sequence of int keys (see {@link EntryKeys}) read a chunk at a time, each pass making them again
 * rather than keeping them: ranking 100M weights globally would otherwise hold 400 MB of keys on
 * the Java heap beside the weights. Chunks hold at most {@link #CHUNK} keys, a multiple of 64, so a
 * chunk covers whole words of a mask.
 */
sealed interface KeyStream permits KeyStream.OfArray, KeyStream.Magnitudes, KeyStream.Random {
    /** Keys per chunk, as {@link FloatReader} reads them. */
    int CHUNK = 4096;

    /** Receives keys {@code from…from+length} in {@code keys[0..length)}, an array it must not keep. */
    @FunctionalInterface
    interface Chunks {
        void accept(int[] keys, int from, int length);
    }

    int length();

    /** Passes every key in order; each call makes them again. */
    void forEachChunk(Chunks consumer);

    /** Every key, in one array. */
    default int[] toArray() {
        int[] all = new int[length()];
        forEachChunk((keys, from, length) -> System.arraycopy(keys, 0, all, from, length));
        return all;
    }

    /** Keys already in an array. */
    record OfArray(int[] keys) implements KeyStream {
        @Override
        public int length() {
            return keys.length;
        }

        @Override
        public void forEachChunk(Chunks consumer) {
            int[] chunk = new int[Math.min(CHUNK, keys.length)];
            for (int from = 0; from < keys.length; from += CHUNK) {
                int n = Math.min(CHUNK, keys.length - from);
                System.arraycopy(keys, from, chunk, 0, n);
                consumer.accept(chunk, from, n);
            }
        }
    }

    /**
     * The bits of |w| as a float, masked entries {@link EntryKeys#MASKED}: for non-negative floats
     * the int order of the bits is the order of the values, and every NaN (sign cleared) lies above
     * infinity, so NaN counts as the largest magnitude and is pruned last, as {@code torch.topk}
     * orders it.
     */
    record Magnitudes(Target target) implements KeyStream {
        @Override
        public int length() {
            return target.length();
        }

        @Override
        public void forEachChunk(Chunks consumer) {
            int[] keys = new int[Math.min(CHUNK, length())];
            int[] at = {0};
            Mask before = target.before();
            boolean masked = before.pruned() > 0;
            FloatReader.forEachChunk(target.dense(), (chunk, length) -> {
                int from = at[0];
                for (int i = 0; i < length; i++) {
                    keys[i] = Float.floatToRawIntBits(chunk[i]) & Integer.MAX_VALUE;
                }
                if (masked) {
                    EntryKeys.mask(keys, from, length, before);
                }
                consumer.accept(keys, from, length);
                at[0] = from + length;
            });
        }
    }

    /** The draws {@link EntryKeys#random} makes, from the same seed on every pass. */
    record Random(Target target, long seed) implements KeyStream {
        @Override
        public int length() {
            return target.length();
        }

        @Override
        public void forEachChunk(Chunks consumer) {
            SplittableRandom random = EntryKeys.generator(target, seed);
            Mask before = target.before();
            boolean masked = before.pruned() > 0;
            int[] keys = new int[Math.min(CHUNK, length())];
            for (int from = 0; from < length(); from += CHUNK) {
                int n = Math.min(CHUNK, length() - from);
                for (int i = 0; i < n; i++) {
                    keys[i] = random.nextInt() >>> 1;
                }
                if (masked) {
                    EntryKeys.mask(keys, from, n, before);
                }
                consumer.accept(keys, from, n);
            }
        }
    }
}
