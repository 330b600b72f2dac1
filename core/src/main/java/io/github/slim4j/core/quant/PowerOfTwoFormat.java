package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * Powers of two: every weight becomes ±2^k or zero, so that multiplying by it is a shift. A sign
 * bit and B−1 bits of exponent code, one code meaning zero; the exponents are the 2^(B−1) − 1
 * highest up to the tensor's largest |w|.
 *
 * <p>The rounding is that of a float with B−1 exponent bits and no mantissa ({@link Minifloat}),
 * whose bias puts its top exponent at the tensor's: round to nearest in the linear domain, so that
 * between 2^k and 2^(k+1) values below 1.5 · 2^k go to 2^k and values from there on to 2^(k+1)
 * (a tie rounds to the even mantissa, which here is the larger power); below the smallest power
 * 2^kmin, values under half of it, and half itself, go to zero; nothing exceeds the top power
 * 2^kmax, which is the power nearest the largest |w| by the same rule (an all-zero tensor takes
 * kmax = 0). The codes are sign-magnitude: sign bit on top, then 0 for zero or
 * {@code k − kmin + 1}. The one parameter kept is {@code 2^kmax}, as the scale.
 */
public record PowerOfTwoFormat(int bits) implements WeightFormat {

    public PowerOfTwoFormat {
        if (bits < 2 || bits > 8) {
            throw new Slim4jException("power-of-two formats have 2 to 8 bits, got " + bits);
        }
    }

    @Override
    public String name() {
        return "pow2:" + bits;
    }

    @Override
    public QuantizedTensor quantize(INDArray values, WeightAxes axes) {
        float largest = Extremes.of(values, Slicing.WHOLE.runs(values.shape())).maxMagnitude();
        QParams qparams = QParams.perTensor(Math.scalb(1f, topExponent(largest)), 0);
        return new QuantizedTensor(this, values.shape(), CodeStream.encode(values, () -> minifloat(qparams), bits), Optional.of(qparams));
    }

    /** The grid whose top power is the parameters' scale. */
    Minifloat minifloat(QParams qparams) {
        int exponentBits = bits - 1;
        int topField = (1 << exponentBits) - 1;
        return new Minifloat(exponentBits, 0, topField - floorLog2(qparams.scales()[0]), false, false);
    }

    /** The exponent of the power of two nearest to {@code magnitude}, ties up; 0 for 0. */
    private static int topExponent(float magnitude) {
        if (magnitude == 0) {
            return 0;
        }
        int below = floorLog2(magnitude);
        boolean up = magnitude >= 1.5 * Math.scalb(1.0, below);
        return Math.min(up ? below + 1 : below, Float.MAX_EXPONENT);
    }

    /** ⌊log2 x⌋ of a positive finite float, subnormals included. */
    private static int floorLog2(float positive) {
        int bits = Float.floatToRawIntBits(positive);
        int biased = bits >>> 23;
        return biased > 0 ? biased - 127 : Float.MIN_EXPONENT - 23 + (Integer.SIZE - 1 - Integer.numberOfLeadingZeros(bits));
    }
}
