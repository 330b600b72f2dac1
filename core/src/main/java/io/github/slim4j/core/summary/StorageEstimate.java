package io.github.slim4j.core.summary;

import io.github.slim4j.core.model.ParamTensor;
import java.util.List;

/**
 * How many bits a set of parameter tensors takes to store. Today every tensor is stored dense,
 * {@code length × bitsPerElement}; sparse and quantized encodings add their own factories here so
 * that every size slim4j reports comes from one place.
 *
 * @param bits total storage in bits
 */
public record StorageEstimate(long bits) {

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
