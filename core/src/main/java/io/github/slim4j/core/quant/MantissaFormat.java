package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reduced mantissa, the "fractional" format: float32 with the mantissa rounded (to nearest even)
 * to {@code mantissaBits} and the exponent narrowed to {@code exponentBits} (8 keeps float32's
 * range), overflowing to infinity as float32 does; {@code 1 + E + M} bits per value. It is an
 * IEEE 754 style format of bias 2^(E−1) − 1 with subnormals: with 8 exponent bits, the values are
 * exactly the float32s whose low {@code 23 − M} mantissa bits are zero, and the codes the float32
 * bit patterns without those bits. {@link #encode} and {@link #decode} map NaN and ±∞ as IEEE 754.
 */
public record MantissaFormat(int mantissaBits, int exponentBits) implements WeightFormat {

    public MantissaFormat {
        if (mantissaBits < 1 || mantissaBits > 22) {
            throw new Slim4jException("a reduced mantissa keeps 1 to 22 bits, got " + mantissaBits);
        }
        if (exponentBits < 2 || exponentBits > 8) {
            throw new Slim4jException("a reduced mantissa's exponent has 2 to 8 bits, got " + exponentBits);
        }
    }

    @Override
    public int bits() {
        return 1 + exponentBits + mantissaBits;
    }

    @Override
    public String name() {
        return exponentBits == 8 ? "mantissa:" + mantissaBits : "mantissa:" + mantissaBits + ":" + exponentBits;
    }

    @Override
    public QuantizedTensor quantize(INDArray values, WeightAxes axes) {
        return minifloat().quantize(this, values);
    }

    /** The bit pattern nearest to a value. */
    public int encode(float value) {
        return minifloat().encode(value);
    }

    /** The value of a bit pattern; bits above the format's are ignored. */
    public float decode(int code) {
        return minifloat().decode(code);
    }

    Minifloat minifloat() {
        return new Minifloat(exponentBits, mantissaBits, (1 << (exponentBits - 1)) - 1, true, true);
    }
}
