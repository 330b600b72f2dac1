package io.github.slim4j.core.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How weights are stored once quantized: integer codes with scales, fixed point, powers of two, or
 * a narrower float. Each format is one small type; {@link #parse} reads them all from text.
 */
public sealed interface WeightFormat permits IntegerFormat, FixedPointFormat, PowerOfTwoFormat, FloatFormat, MantissaFormat {

    /** Bits per stored value, not counting scales and zero points. */
    int bits();

    /** The format as {@link #parse} reads it: {@code int8}, {@code int4:group32}, {@code fixed:Q3.4}, {@code fp16}... */
    String name();

    /**
     * Quantizes values without changing them.
     *
     * @param axes which axis of {@code values} runs over the layer's outputs (channels) and which
     *             over its inputs (groups); see {@link io.github.slim4j.core.model.WeightAxes}
     * @throws io.github.slim4j.core.Slim4jException when the values do not fit the format (a group
     *     size that does not divide the input dimension, a channel axis out of range, NaN or infinite
     *     values), naming what and how many
     */
    QuantizedTensor quantize(INDArray values, io.github.slim4j.core.model.WeightAxes axes);

    /**
     * Reads a format.
     *
     * <ul>
     *   <li>{@code int<B>} or {@code uint<B>} (B from 2 to 16), optionally followed by
     *       {@code :symmetric} or {@code :affine} and by {@code :tensor}, {@code :channel},
     *       {@code :channel<A>} (axis A) or {@code :group<G>}, and by {@code :mse} or {@code :p<P>}
     *       to clip each slice's range ({@link WeightRange}); defaults symmetric, per channel,
     *       min-max: {@code int8}, {@code int4:group32}, {@code uint8:affine:tensor}, {@code int4:group32:p99.9};</li>
     *   <li>{@code fixed:Qm.n}: fixed point with m integer and n fraction bits and a sign bit;</li>
     *   <li>{@code pow2} or {@code pow2:<B>}: ±2^k or zero in B bits (default 4);</li>
     *   <li>{@code fp16}, {@code bf16}, {@code fp8-e4m3}, {@code fp8-e5m2};</li>
     *   <li>{@code mantissa:M} or {@code mantissa:M:E}: float32 with M mantissa bits (1–22) and E
     *       exponent bits (default 8).</li>
     * </ul>
     *
     * @throws io.github.slim4j.core.Slim4jException naming the text and the forms allowed
     */
    static WeightFormat parse(String text) {
        return FormatText.parse(text);
    }
}
