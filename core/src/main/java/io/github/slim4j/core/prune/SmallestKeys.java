package io.github.slim4j.core.prune;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.List;

/**
 * Finds the {@link Cut} that selects the k smallest of a sequence of int keys, the selection every
 * criterion shares: entries by |w| or at random, channels by norm, and within each N:M group.
 *
 * <p>No sort: a histogram of the keys' top 16 bits finds the bucket that holds the k-th smallest,
 * and only that bucket's keys are copied out for {@link Introselect}. Magnitude keys are float bits,
 * whose top 16 bits are the exponent and 7 bits of mantissa, so that bucket holds a small share of
 * a layer's weights (0.25% of 10M normal weights at 50%); random keys spread evenly over 32768
 * buckets.
 */
final class SmallestKeys {
    /** Up to this many keys are selected from directly: the histogram would cost more. */
    private static final int DIRECT = 1 << 12;
    /** One bucket per value of a key's top 16 bits; keys may be any int (N:M negates its keys). */
    private static final int BUCKETS = 1 << 16;

    private SmallestKeys() {
    }

    /** The cut taking the {@code k} smallest keys of one array. */
    static Cut of(int[] keys, long k) {
        return of(List.of(keys), k);
    }

    /**
     * The cut taking the {@code k} smallest keys of the segments read one after another.
     *
     * @param k from 0 to the number of keys; at most {@code Integer.MAX_VALUE} keys in all
     */
    static Cut of(List<int[]> segments, long k) {
        long total = segments.stream().mapToLong(keys -> keys.length).sum();
        requireSelectable(k, total);
        if (k == 0 || total > DIRECT) {
            return ofStreams(segments.stream().map(KeyStream.OfArray::new).toList(), k);
        }
        return cut(join(segments), 0, k);
    }

    /**
     * The cut taking the {@code k} smallest keys of the streams read one after another. Each stream
     * is read twice, on all cores at once: counted, then searched for the bucket that holds the
     * k-th key. Counts add up in any order and the candidates are joined in stream order, so the cut
     * is the one a single pass finds.
     */
    static Cut ofStreams(List<? extends KeyStream> streams, long k) {
        long total = streams.stream().mapToLong(KeyStream::length).sum();
        requireSelectable(k, total);
        if (k == 0) {
            return Cut.NONE;
        }
        if (total <= DIRECT) {
            return cut(join(streams.stream().map(KeyStream::toArray).toList()), 0, k);
        }
        int[] counts = streams.parallelStream().map(SmallestKeys::bucketCounts).reduce(new int[BUCKETS], SmallestKeys::add);
        long below = 0;
        int bucket = 0;
        while (below + counts[bucket] < k) {
            below += counts[bucket++];
        }
        int chosen = bucket;
        return cut(join(streams.parallelStream().map(stream -> keysIn(stream, chosen)).toList()), below, k);
    }

    private static void requireSelectable(long k, long total) {
        if (k < 0 || k > total || total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot select " + k + " of " + total + " keys");
        }
    }

    private static int[] bucketCounts(KeyStream keys) {
        int[] counts = new int[BUCKETS];
        keys.forEachChunk((chunk, from, length) -> {
            for (int i = 0; i < length; i++) {
                counts[bucket(chunk[i])]++;
            }
        });
        return counts;
    }

    /** Adds {@code more} into a copy of {@code into}: the reduction's identity is never written. */
    private static int[] add(int[] into, int[] more) {
        int[] sum = into.clone();
        for (int b = 0; b < BUCKETS; b++) {
            sum[b] += more[b];
        }
        return sum;
    }

    /** The stream's keys in {@code bucket}, in order. */
    private static int[] keysIn(KeyStream keys, int bucket) {
        IntArrayList found = new IntArrayList();
        keys.forEachChunk((chunk, from, length) -> {
            for (int i = 0; i < length; i++) {
                if (bucket(chunk[i]) == bucket) {
                    found.add(chunk[i]);
                }
            }
        });
        return found.toIntArray();
    }

    private static int[] join(List<int[]> parts) {
        int[] all = new int[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** The cut when {@code below} keys lie under every candidate and the k-th smallest is among them. */
    private static Cut cut(int[] candidates, long below, long k) {
        int threshold = Introselect.kth(candidates, 0, candidates.length, (int) (k - below - 1));
        long under = below;
        for (int key : candidates) {
            if (key < threshold) {
                under++;
            }
        }
        return new Cut(threshold, k - under);
    }

    /** The top 16 bits, shifted so that buckets go up as signed keys do. */
    private static int bucket(int key) {
        return (key >> 16) + (BUCKETS >> 1);
    }
}
