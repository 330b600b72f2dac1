package io.github.slim4j.core.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Optional;

/**
 * A binary floating-point format of a sign bit, E exponent bits and M mantissa bits, and the one
 * rounding of float32 to it, behind fp16, bf16, both fp8s, the reduced mantissa and powers of two.
 *
 * <p>Values: exponent field e from 1 up stands for {@code 1.m × 2^(e − bias)}, e = 0 for the
 * subnormals {@code 0.m × 2^(1 − bias)} and zero. Encoding rounds to the nearest value, ties to the
 * even mantissa (IEEE 754's default, as PyTorch's {@code .half()} and {@code .bfloat16()} do), with
 * subnormals kept: a float32 is {@code s × 2^x} for an integer s below 2^24, the format's spacing
 * at its magnitude is {@code 2^(max(⌊log2|v|⌋, 1 − bias) − M)}, and s is shifted right onto that
 * spacing, half to even. A carry into the next binade is the next exponent field.
 *
 * <p>The top exponent field is what sets formats apart:
 * <ul>
 *   <li>with infinity (IEEE 754: fp16, bf16, fp8 E5M2, the reduced mantissa) it holds ±∞ (mantissa
 *       0) and NaN (any other); values that round beyond the largest finite one become ±∞, as do
 *       ±∞ inputs; NaN becomes the quiet NaN {@code S.11…1.10…0} (fp16 0x7E00, bf16 0x7FC0).</li>
 *   <li>finite with one NaN (OCP fp8 E4M3) it holds values, except that all ones is NaN; beyond the
 *       largest finite value, ±∞ included, results saturate to it (448 for E4M3), as OCP's
 *       saturating conversion does.</li>
 *   <li>finite without NaN (powers of two) every code is a value; results saturate, and NaN has
 *       no code.</li>
 * </ul>
 * The sign is kept everywhere, on zero and NaN too.
 */
final class Minifloat implements Codec {
    private static final int FLOAT_MAGNITUDE = 0x7FFFFFFF;
    private static final int FLOAT_INFINITY = 0x7F800000;
    private static final int FLOAT_MANTISSA_BITS = 23;
    /** A float32 is its significand × 2^(biased exponent − 150), its biased exponent taken as 1 for subnormals. */
    private static final int FLOAT_SIGNIFICAND_SHIFT = 150;

    private final int exponentBits;
    private final int mantissaBits;
    private final int bias;
    private final boolean infinity;
    private final boolean nan;
    private final int minExponent;
    private final int mantissaMask;
    private final int magnitudeMask;
    private final int maxFinite;
    private final int infinityCode;
    private final int nanCode;

    /**
     * @param infinity whether the top exponent field holds ±∞ and NaNs (IEEE 754); else values
     *                 saturate at the largest finite one
     * @param nan      whether there is a NaN; with {@code infinity} it must be
     * @throws IllegalArgumentException for widths outside E 1 to 8 and M 0 to 22, infinity without a
     *     mantissa bit for NaN, or subnormals finer than float32's (which rounding from float32 assumes)
     */
    Minifloat(int exponentBits, int mantissaBits, int bias, boolean infinity, boolean nan) {
        if (exponentBits < 1 || exponentBits > 8 || mantissaBits < 0 || mantissaBits > 22 || (infinity && (!nan || mantissaBits == 0))
                || (mantissaBits > 0 && 1 - bias - mantissaBits < -148)) {
            throw new IllegalArgumentException("no minifloat with " + exponentBits + " exponent bits, " + mantissaBits
                    + " mantissa bits, bias " + bias + (infinity ? ", infinity" : "") + (nan ? ", NaN" : ""));
        }
        this.exponentBits = exponentBits;
        this.mantissaBits = mantissaBits;
        this.bias = bias;
        this.infinity = infinity;
        this.nan = nan;
        this.minExponent = 1 - bias;
        this.mantissaMask = (1 << mantissaBits) - 1;
        this.magnitudeMask = (1 << (exponentBits + mantissaBits)) - 1;
        int topField = (1 << exponentBits) - 1;
        this.infinityCode = topField << mantissaBits;
        this.maxFinite = infinity ? infinityCode - 1 : nan ? magnitudeMask - 1 : magnitudeMask;
        this.nanCode = infinity ? infinityCode | 1 << (mantissaBits - 1) : magnitudeMask;
    }

    /**
     * The code nearest to a value (see the class comment for NaN, ±∞ and overflow).
     *
     * @throws IllegalArgumentException for NaN in a format without NaN
     */
    int encode(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 31) << (exponentBits + mantissaBits);
        int magnitude = bits & FLOAT_MAGNITUDE;
        if (magnitude > FLOAT_INFINITY) {
            if (!nan) {
                throw new IllegalArgumentException("NaN has no code in " + this);
            }
            return sign | nanCode;
        }
        return sign | (magnitude == FLOAT_INFINITY ? overflow() : round(magnitude));
    }

    /** The value a code stands for; bits above the sign bit are ignored. */
    float decode(int code) {
        int magnitude = code & magnitudeMask;
        float value;
        if (magnitude > maxFinite) {
            value = infinity && magnitude == infinityCode ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            int field = magnitude >>> mantissaBits;
            int mantissa = magnitude & mantissaMask;
            int significand = field == 0 ? mantissa : mantissa | 1 << mantissaBits;
            // Exact: every value of these formats is a float32 (the constructor's bound on subnormals).
            value = (float) Math.scalb((double) significand, Math.max(field, 1) - bias - mantissaBits);
        }
        return (code >>> (exponentBits + mantissaBits) & 1) != 0 ? -value : value;
    }

    /**
     * The tensor in this format, as {@code format} stores it.
     *
     * @throws io.github.slim4j.core.Slim4jException for NaN or infinite values
     */
    QuantizedTensor quantize(WeightFormat format, INDArray values) {
        Extremes.requireFinite(values);
        return new QuantizedTensor(format, values.shape(), CodeStream.encode(values, () -> this /* no scratch: serves every part */, format.bits()), Optional.empty());
    }

    /** The magnitude code of a positive finite float32, given by its bits. */
    private int round(int magnitude) {
        if (magnitude == 0) {
            return 0;
        }
        int biased = magnitude >>> FLOAT_MANTISSA_BITS;
        int significand = biased == 0 ? magnitude : (magnitude & ((1 << FLOAT_MANTISSA_BITS) - 1)) | 1 << FLOAT_MANTISSA_BITS;
        int exponent = Math.max(biased, 1) - FLOAT_SIGNIFICAND_SHIFT;
        int log2 = exponent + highestBit(significand);
        int spacing = Math.max(log2, minExponent) - mantissaBits;
        // At least 0: float32's spacing is no coarser than the format's (the constructor's bound).
        int shift = spacing - exponent;
        // At 25 and more the significand (below 2^24) is under half the spacing.
        int steps = shift >= 25 ? 0 : roundHalfEven(significand, shift);
        if (steps == 0) {
            return 0;
        }
        int lead = highestBit(steps);
        if (lead < mantissaBits) {
            return steps;
        }
        int field = spacing + lead + bias;
        int code = field << mantissaBits | (steps >>> (lead - mantissaBits)) & mantissaMask;
        return code > maxFinite ? overflow() : code;
    }

    private int overflow() {
        return infinity ? infinityCode : maxFinite;
    }

    private static int highestBit(int positive) {
        return Integer.SIZE - 1 - Integer.numberOfLeadingZeros(positive);
    }

    private static int roundHalfEven(int significand, int shift) {
        if (shift == 0) {
            return significand;
        }
        int kept = significand >>> shift;
        int rest = significand & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return kept + (rest > half || (rest == half && (kept & 1) == 1) ? 1 : 0);
    }

    @Override
    public boolean signedCodes() {
        return false;
    }

    @Override
    public void encode(float[] values, long position, int length, int[] codes) {
        for (int i = 0; i < length; i++) {
            codes[i] = encode(values[i]);
        }
    }

    @Override
    public void decode(int[] codes, long position, int length, float[] values) {
        for (int i = 0; i < length; i++) {
            values[i] = decode(codes[i]);
        }
    }

    @Override
    public String toString() {
        return "E" + exponentBits + "M" + mantissaBits + " (bias " + bias + (infinity ? ", with infinity" : ", saturating")
                + (nan ? ", NaN" : "") + ")";
    }
}
