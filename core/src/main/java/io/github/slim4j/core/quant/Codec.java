package io.github.slim4j.core.quant;

/**
 * How a format turns float32 values into integer codes and back, a chunk of at most
 * {@link COrder#CHUNK} values at a time: the one place a format's arithmetic lives, shared by
 * quantizing, dequantizing and checking. An instance keeps scratch space for a chunk and
 * serves one stream at a time.
 */
sealed interface Codec permits AffineGrid, Minifloat {

    /** Whether codes are signed integers, packed in two's complement; else unsigned bit patterns. */
    boolean signedCodes();

    /**
     * Sets {@code codes[i]} to the code of {@code values[i]}, for {@code i < length}.
     *
     * @param position the C-order index of {@code values[0]} in its tensor, which tells slices apart
     */
    void encode(float[] values, long position, int length, int[] codes);

    /** Sets {@code values[i]} to the value code {@code codes[i]} stands for, for {@code i < length}; may change {@code codes}. */
    void decode(int[] codes, long position, int length, float[] values);

    /** The codec that made a quantized tensor's codes. */
    static Codec of(QuantizedTensor tensor) {
        WeightFormat format = tensor.format();
        if (format instanceof FloatFormat floatFormat) {
            return floatFormat.minifloat();
        }
        if (format instanceof MantissaFormat mantissa) {
            return mantissa.minifloat();
        }
        QParams qparams = tensor.qparams().orElseThrow();
        if (format instanceof PowerOfTwoFormat powers) {
            return powers.minifloat(qparams);
        }
        if (format instanceof IntegerFormat integer) {
            return new AffineGrid(tensor.shape(), qparams, integer.qmin(), integer.qmax());
        }
        FixedPointFormat fixed = (FixedPointFormat) format;
        return new AffineGrid(tensor.shape(), qparams, fixed.qmin(), fixed.qmax());
    }
}
