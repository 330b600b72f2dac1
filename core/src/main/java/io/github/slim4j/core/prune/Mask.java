package io.github.slim4j.core.prune;

import io.github.slim4j.core.tensor.FloatReader;
import io.github.slim4j.core.tensor.ZeroWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Which entries of one parameter tensor are kept (1) and which are pruned (0), by storage index:
 * the order of the entries in the tensor's buffer (for a strided view, the order of its
 * {@code dup()}). Immutable; two masks are equal when they keep the same entries.
 */
public final class Mask {

    /** Bit {@code i % 64} of word {@code i / 64} is set when entry {@code i} is kept; bits past the size are clear. */
    private final long[] keep;
    private final long size;
    private final long pruned;

    /** Takes ownership of {@code keep}, clearing its bits past {@code size}. */
    Mask(long[] keep, long size) {
        int words = ZeroWriter.words(size);
        if (keep.length != words) {
            throw new IllegalArgumentException(keep.length + " words for a mask of " + size + " entries");
        }
        if (size % Long.SIZE != 0) {
            keep[words - 1] &= (1L << (size % Long.SIZE)) - 1;
        }
        long kept = 0;
        for (long word : keep) {
            kept += Long.bitCount(word);
        }
        this.keep = keep;
        this.size = size;
        this.pruned = size - kept;
    }

    static Mask allKept(long size) {
        long[] keep = new long[ZeroWriter.words(size)];
        Arrays.fill(keep, -1L);
        return new Mask(keep, size);
    }

    /** Entries in the tensor. */
    public long size() {
        return size;
    }

    /** Entries pruned. */
    public long pruned() {
        return pruned;
    }

    /** Whether the entry at this index of the tensor's buffer is kept. */
    public boolean isKept(long storageIndex) {
        if (storageIndex < 0 || storageIndex >= size) {
            throw new IndexOutOfBoundsException("storage index " + storageIndex + " of a mask of " + size + " entries");
        }
        return (keep[(int) (storageIndex >>> 6)] & (1L << storageIndex)) != 0;
    }

    /** A copy of the bits, for a new mask to start from. */
    long[] words() {
        return keep.clone();
    }

    /**
     * A mask from its bits as {@link #keptBits()} gives them, for a mask read back from a file.
     *
     * @throws IllegalArgumentException when the words cannot hold exactly {@code size} bits
     */
    public static Mask ofKeptBits(long[] words, long size) {
        return new Mask(words.clone(), size);
    }

    /** Bit {@code i % 64} of word {@code i / 64} is set when the entry at storage index {@code i} is kept. */
    public long[] keptBits() {
        return keep.clone();
    }

    /**
     * Sets the pruned entries of {@code values}, a tensor of this mask's size, to zero in place. A
     * strided view is copied, zeroed and assigned back, so its storage order is that of its dup().
     */
    void zeroPruned(INDArray values) {
        if (values.length() != size) {
            throw new IllegalStateException("a mask of " + size + " entries cannot apply to a tensor of " + values.length());
        }
        if (pruned == 0) {
            return;
        }
        if (FloatReader.isDense(values)) {
            ZeroWriter.zeroCleared(values, keep);
        } else {
            INDArray dense = values.dup();
            ZeroWriter.zeroCleared(dense, keep);
            values.assign(dense);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mask mask && size == mask.size && Arrays.equals(keep, mask.keep);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Arrays.hashCode(keep);
    }

    @Override
    public String toString() {
        return "Mask[" + pruned + " of " + size + " pruned]";
    }
}
