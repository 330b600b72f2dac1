package io.github.slim4j.core.quant;

import java.util.OptionalDouble;

/**
 * What quantization did to one tensor.
 *
 * @param tensor     the tensor's qualified name ({@code ParamTensor.qualifiedName()})
 * @param minScale   the smallest scale of an integer or fixed-point format (for powers of two, its
 *                   top power); empty for float formats
 * @param maxScale   the largest scale, likewise
 * @param bytesBefore storage before (as slim4j's storage estimate counts it)
 * @param bytesAfter  storage of the quantized tensor, as the storage estimate counts it: packed codes
 *                    and parameters (the codes in a sparse layout when most stand for zero and that
 *                    is smaller)
 * @param sqnrDb     signal-to-quantization-noise ratio, {@code 10 log10(Σx² / Σ(x − deq(q(x)))²)};
 *                   infinite when the tensor is represented exactly
 */
public record TensorQuantization(String layer, String tensor, WeightFormat format, long parameters,
                                 OptionalDouble minScale, OptionalDouble maxScale,
                                 long bytesBefore, long bytesAfter, double sqnrDb) { }
