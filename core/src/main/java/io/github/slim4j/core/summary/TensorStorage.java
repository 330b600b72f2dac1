package io.github.slim4j.core.summary;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.stats.TensorStats;

/**
 * How one tensor is stored: the smallest of three encodings, in bits, of its elements at the
 * dtype's width or, quantized, of its codes at the format's ({@link StoredTensor} tells which).
 *
 * <ul>
 *   <li>{@link Encoding#DENSE}: every element at the dtype's width, {@code n × w}.</li>
 *   <li>{@link Encoding#BITMASK}: one bit per element saying whether it is non-zero, then the
 *       non-zeros at full width, {@code n + nnz × w}.</li>
 *   <li>{@link Encoding#CSR}: compressed sparse rows, {@code rows + 1} 32-bit row pointers, then per
 *       non-zero a 32-bit column index and the value, {@code 32 (rows + 1) + nnz (32 + w)}; rows is
 *       {@code shape[0]} for rank 2 and more, 1 for vectors and scalars.</li>
 * </ul>
 *
 * Ties go to the encoding listed first, so a tensor without zeros stays dense. At float32 the
 * bitmask wins from about 3% zeros, CSR below about 3% non-zeros (for a 1000 × 1000 matrix).
 *
 * @param bits the winning encoding's size
 */
public record TensorStorage(Encoding encoding, long bits) {

    /** The ways slim4j counts a tensor as stored. */
    public enum Encoding { DENSE, BITMASK, CSR }

    private static final int INDEX_BITS = 32;

    /**
     * The tensor's storage at its dtype's width, counting its exact zeros (a pruned entry is zero;
     * NaN is not). It cannot see quantization, which is kept with the model: see {@link StoredTensor}.
     */
    public static TensorStorage of(ParamTensor tensor) {
        return of(tensor.shape(), TensorStats.of(tensor.values()).nonZeros(), tensor.bitsPerElement());
    }

    /**
     * The storage of a quantized tensor: its codes at the format's width in the smallest layout (the
     * codes of zero are what a sparse layout leaves out; −0 comes back as +0), plus its scales and
     * zero points, which every layout keeps. Dense, that is {@link QuantizedTensor#storageBits()}.
     *
     * @param nonZeros codes that stand for a non-zero value
     */
    public static TensorStorage of(QuantizedTensor tensor, long nonZeros) {
        TensorStorage codes = of(tensor.shape(), nonZeros, tensor.format().bits());
        return new TensorStorage(codes.encoding(), codes.bits() + tensor.qparams().map(QParams::storageBits).orElse(0L));
    }

    /** The storage of a tensor of this shape and element width with {@code nonZeros} non-zero elements. */
    public static TensorStorage of(long[] shape, long nonZeros, int bitsPerElement) {
        long elements = 1;
        for (long size : shape) {
            elements *= size;
        }
        long rows = shape.length >= 2 ? shape[0] : 1;
        long dense = elements * bitsPerElement;
        long bitmask = elements + nonZeros * bitsPerElement;
        long csr = INDEX_BITS * (rows + 1) + nonZeros * (INDEX_BITS + bitsPerElement);
        if (dense <= bitmask && dense <= csr) {
            return new TensorStorage(Encoding.DENSE, dense);
        }
        return bitmask <= csr ? new TensorStorage(Encoding.BITMASK, bitmask) : new TensorStorage(Encoding.CSR, csr);
    }
}
