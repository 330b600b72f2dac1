package io.github.slim4j.core.tensor;

import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sets chosen entries of a tensor to zero in place: the writing counterpart of {@link FloatReader},
 * for pruning. The entries are given as a bitset over storage indices, the order of the entries in
 * the tensor's buffer: bit {@code i % 64} of word {@code i / 64} set keeps entry {@code i}, clear
 * zeroes it.
 *
 * <p>Only the cleared entries are touched, each with one absolute store into the NIO view of the
 * off-heap buffer; whole words of kept entries are skipped. In JMH on 10M floats at 50% sparsity
 * this takes 5.1 ms (1.9× a heap copy of them), where {@link DataBuffer#put(long, float)} per entry
 * takes 17.5 ms and reading, masking and writing back 4096-float chunks 47 ms (benchmarks/README.md).
 * FLOAT and DOUBLE are written through NIO; other types (HALF, integers) through
 * {@link DataBuffer#put(long, double)}, one entry at a time, which is slower but rare.
 */
public final class ZeroWriter {

    /** Zeroes the entry at a storage index. */
    @FunctionalInterface
    private interface Sink {
        void zero(int index);
    }

    private ZeroWriter() {
    }

    /**
     * Zeroes every entry of a dense tensor whose bit is clear in {@code keep}.
     *
     * @param dense a tensor that fills one range of its buffer ({@link FloatReader#isDense})
     * @param keep  at least {@code length / 64} rounded up words; bits past the length are ignored
     * @throws IllegalArgumentException for a strided view, or a bitset shorter than the tensor
     */
    public static void zeroCleared(INDArray dense, long[] keep) {
        long length = dense.length();
        if (length == 0) {
            return;
        }
        if (!FloatReader.isDense(dense)) {
            throw new IllegalArgumentException("zeroing needs a dense tensor; dup() a strided view first");
        }
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot zero entries of a tensor of " + length + " entries; NIO buffers end at 2^31");
        }
        if (keep.length < words(length)) {
            throw new IllegalArgumentException("a bitset of " + keep.length + " words cannot cover " + length + " entries");
        }
        DataBuffer data = dense.data();
        zeroCleared(sink(data), keep, (int) length);
        // The sink's NIO view does not keep the memory alive; ND4J frees a collected buffer's.
        Reference.reachabilityFence(data);
    }

    /** Words of 64 bits needed for {@code length} entries. */
    public static int words(long length) {
        return (int) ((length + Long.SIZE - 1) / Long.SIZE);
    }

    private static void zeroCleared(Sink sink, long[] keep, int length) {
        int words = words(length);
        for (int w = 0; w < words; w++) {
            long cleared = ~keep[w];
            if (w == words - 1 && length % Long.SIZE != 0) {
                cleared &= (1L << (length % Long.SIZE)) - 1;
            }
            int base = w * Long.SIZE;
            while (cleared != 0) {
                sink.zero(base + Long.numberOfTrailingZeros(cleared));
                cleared &= cleared - 1;
            }
        }
    }

    /*
     * asNioFloat() spans the whole allocation and comes positioned where this buffer (a view's own)
     * starts, so indices are offset by that position; put(long, double) is already relative.
     */
    private static Sink sink(DataBuffer data) {
        return switch (data.dataType()) {
            case FLOAT -> {
                FloatBuffer floats = data.asNioFloat();
                int start = floats.position();
                yield index -> floats.put(start + index, 0f);
            }
            case DOUBLE -> {
                DoubleBuffer doubles = data.asNioDouble();
                int start = doubles.position();
                yield index -> doubles.put(start + index, 0d);
            }
            default -> index -> data.put(index, 0d);
        };
    }
}
