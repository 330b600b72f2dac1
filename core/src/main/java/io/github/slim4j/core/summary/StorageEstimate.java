package io.github.slim4j.core.summary;

import io.github.slim4j.core.model.ParamTensor;
import java.util.List;

/**
 * How many bits a set of parameter tensors takes to store: every size slim4j reports comes from
 * here. {@link #of} stores each tensor in its smallest encoding ({@link TensorStorage}: dense,
 * bitmask or CSR), so pruning shows in the bytes; {@link #dense} counts every element at full
 * width. Both count the dtype's width; quantized tensors, whose records live with their model,
 * count as {@link StoredTensor} says, and {@link #sum} adds them up.
 *
 * @param bits total storage in bits
 */
public record StorageEstimate(long bits) {

    /** Every tensor in its smallest encoding; {@link TensorStorage#of(ParamTensor)} tells which one per tensor. */
    public static StorageEstimate of(List<ParamTensor> parameters) {
        return sum(parameters.stream().map(TensorStorage::of).toList());
    }

    /** The total of tensors already measured, for callers that count non-zeros themselves. */
    public static StorageEstimate sum(List<TensorStorage> tensors) {
        return new StorageEstimate(tensors.stream().mapToLong(TensorStorage::bits).sum());
    }

    /** Every element stored at its dtype's width. */
    public static StorageEstimate dense(List<ParamTensor> parameters) {
        long bits = 0;
        for (ParamTensor p : parameters) {
            bits += p.length() * p.bitsPerElement();
        }
        return new StorageEstimate(bits);
    }

    /** Whole bytes needed, rounding a trailing partial byte up. */
    public long bytes() {
        return (bits + Byte.SIZE - 1) / Byte.SIZE;
    }

    /** Bits per stored element on average; 0 when there are no elements. */
    public double bitsPer(long elements) {
        return elements == 0 ? 0 : (double) bits / elements;
    }
}
