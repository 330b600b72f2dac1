package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * Fixed point Qm.n: a sign bit, m integer bits and n fraction bits, so {@code 1 + m + n} bits per
 * value and a scale fixed at 2^-n; values round half to even onto the grid and saturate at its ends.
 * The codes are two's complement, −2^(m+n) to 2^(m+n) − 1, standing for {@code q × 2^-n}, so the
 * range is [−2^m, 2^m − 2^-n]: the integer quantization of {@link IntegerFormat} with the scale
 * fixed in advance and zero point 0. Its one parameter is that scale, kept per tensor.
 */
public record FixedPointFormat(int integerBits, int fractionBits) implements WeightFormat {

    private static final int MIN_BITS = 2;
    private static final int MAX_BITS = 16;

    /**
     * @throws Slim4jException when Qm.n does not fit in 2 to 16 bits with its sign bit, saying how
     *     many bits it takes; a negative n, as from {@code n = bits − 1 − m} for too few bits, is
     *     reported as the bits the sign and integer bits need
     */
    public FixedPointFormat {
        if (integerBits < 0) {
            throw new Slim4jException("fixed point needs 0 or more integer bits, got " + integerBits);
        }
        int bits = 1 + integerBits + fractionBits;
        if (fractionBits < 0) {
            throw new Slim4jException("fixed point with " + integerBits + " integer bits takes at least " + (1 + integerBits)
                    + " bits (sign and integer bits), more than " + bits);
        }
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new Slim4jException("fixed point Q" + integerBits + "." + fractionBits + " takes " + bits + (bits == 1 ? " bit" : " bits")
                    + " (sign, " + integerBits + " integer and " + fractionBits + " fraction bits); fixed point has "
                    + MIN_BITS + " to " + MAX_BITS + " bits");
        }
    }

    @Override
    public int bits() {
        return 1 + integerBits + fractionBits;
    }

    @Override
    public String name() {
        return "fixed:Q" + integerBits + "." + fractionBits;
    }

    /** The smallest code, −2^(m+n). */
    public int qmin() {
        return -(1 << (integerBits + fractionBits));
    }

    /** The largest code, 2^(m+n) − 1. */
    public int qmax() {
        return (1 << (integerBits + fractionBits)) - 1;
    }

    /** 2^-n, the value of code 1. */
    public float scale() {
        return Math.scalb(1f, -fractionBits);
    }

    @Override
    public QuantizedTensor quantize(INDArray values, WeightAxes axes) {
        Extremes.requireFinite(values);
        QParams qparams = QParams.perTensor(scale(), 0);
        return new QuantizedTensor(this, values.shape(), AffineGrid.codes(values, qparams, qmin(), qmax(), bits()), Optional.of(qparams));
    }
}
