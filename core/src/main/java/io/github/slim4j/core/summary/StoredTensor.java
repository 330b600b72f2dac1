package io.github.slim4j.core.summary;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.stats.TensorStats;

/**
 * How one parameter tensor of a model is stored, as every size slim4j reports counts it: in its
 * quantized format while a current quantization record describes it ({@link Quantizations}), else
 * at its dtype's width; either way in the smallest of the dense, bitmask and CSR layouts
 * ({@link TensorStorage}), so that a pruned and quantized tensor stores only its non-zero codes
 * when that is smaller.
 *
 * <pre>{@code
 * StoredTensor stored = StoredTensor.of(model, tensor, TensorStats.of(tensor.values()));
 * stored.format();   // "int4:group32", or "float32" when not quantized
 * stored.bytes();
 * }</pre>
 *
 * @param format       the quantized format's name ({@code WeightFormat.name()}) or the dtype's, e.g. "float32"
 * @param bitsPerValue bits per stored value, not counting scales, zero points or sparse indices
 * @param storage      the layout and the total bits, scales and zero points included
 */
public record StoredTensor(String format, int bitsPerValue, TensorStorage storage) {

    /** @param stats the tensor's statistics, for its non-zeros */
    public static StoredTensor of(ModelHandle model, ParamTensor tensor, TensorStats stats) {
        return Quantizations.of(model, tensor)
                .map(quantized -> of(quantized, stats.nonZeros()))
                .orElseGet(() -> unquantized(tensor, stats.nonZeros()));
    }

    /** A tensor at its dtype's width, with {@code nonZeros} non-zero elements, whatever records its model keeps. */
    public static StoredTensor unquantized(ParamTensor tensor, long nonZeros) {
        return new StoredTensor(tensor.dtype(), tensor.bitsPerElement(), TensorStorage.of(tensor.shape(), nonZeros, tensor.bitsPerElement()));
    }

    /** A quantized tensor whose codes stand for {@code nonZeros} non-zero values. */
    public static StoredTensor of(QuantizedTensor tensor, long nonZeros) {
        return new StoredTensor(tensor.format().name(), tensor.format().bits(), TensorStorage.of(tensor, nonZeros));
    }

    /** Whole bytes, a trailing partial byte rounded up. */
    public long bytes() {
        return new StorageEstimate(storage.bits()).bytes();
    }
}
