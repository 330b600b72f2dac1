package io.github.slim4j.core.quant;

import io.github.slim4j.core.model.WeightAxes;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Narrow floating point, rounding float32 to nearest even with subnormals kept. fp16 and bf16 give
 * exactly PyTorch's {@code .half()} and {@code .bfloat16()}; overflow goes to infinity in fp16,
 * bf16 and fp8 E5M2, which have one, and saturates at ±448 in OCP fp8 E4M3, which is finite-only.
 *
 * <p>The codes are the formats' bit patterns (sign, exponent, mantissa; bias 2^(E−1) − 1):
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>format</th><th>E</th><th>M</th><th>largest</th><th>smallest subnormal</th><th>NaN, ±∞</th></tr>
 *   <tr><td>fp16</td><td>5</td><td>10</td><td>65504</td><td>2^-24</td><td>IEEE 754</td></tr>
 *   <tr><td>bf16</td><td>8</td><td>7</td><td>≈3.39 × 10^38</td><td>2^-133</td><td>IEEE 754</td></tr>
 *   <tr><td>fp8-e4m3</td><td>4</td><td>3</td><td>448</td><td>2^-9</td><td>NaN S.1111.111 only; ±∞ saturates</td></tr>
 *   <tr><td>fp8-e5m2</td><td>5</td><td>2</td><td>57344</td><td>2^-16</td><td>IEEE 754</td></tr>
 * </table>
 * Quantizing refuses NaN and infinite weights; {@link #encode} and {@link #decode} map them as the
 * format defines (see {@link Minifloat}).
 */
public record FloatFormat(Kind kind) implements WeightFormat {

    /** The formats, with their exponent and mantissa widths. */
    public enum Kind {
        FP16("fp16", 5, 10), BF16("bf16", 8, 7), FP8_E4M3("fp8-e4m3", 4, 3), FP8_E5M2("fp8-e5m2", 5, 2);

        private final String text;
        private final int exponentBits;
        private final int mantissaBits;

        Kind(String text, int exponentBits, int mantissaBits) {
            this.text = text;
            this.exponentBits = exponentBits;
            this.mantissaBits = mantissaBits;
        }

        public String text() {
            return text;
        }

        public int exponentBits() {
            return exponentBits;
        }

        public int mantissaBits() {
            return mantissaBits;
        }
    }

    @Override
    public int bits() {
        return 1 + kind.exponentBits() + kind.mantissaBits();
    }

    @Override
    public String name() {
        return kind.text();
    }

    @Override
    public QuantizedTensor quantize(INDArray values, WeightAxes axes) {
        return minifloat().quantize(this, values);
    }

    /** The bit pattern nearest to a value; NaN is the format's NaN, ±∞ infinite or saturated as the format does. */
    public int encode(float value) {
        return minifloat().encode(value);
    }

    /** The value of a bit pattern; bits above the format's are ignored. */
    public float decode(int code) {
        return minifloat().decode(code);
    }

    Minifloat minifloat() {
        int bias = (1 << (kind.exponentBits() - 1)) - 1;
        return new Minifloat(kind.exponentBits(), kind.mantissaBits(), bias, kind != Kind.FP8_E4M3, true);
    }
}
