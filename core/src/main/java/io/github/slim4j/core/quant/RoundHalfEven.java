package io.github.slim4j.core.quant;

/**
 * Round half to even, as C's {@code nearbyint} (which PyTorch uses) and {@link Math#rint}, for
 * floats within ±2^22, in a form the JIT vectorizes. Adding 1.5 × 2^23 moves such a value into
 * [2^23, 2^24], where the floats are exactly the integers, so the addition itself rounds, half to
 * even as IEEE arithmetic does by default; subtracting the constant again is exact. {@code Math.rint}
 * goes through double and a call, and keeps a loop scalar.
 *
 * <p>Callers clamp into their code range first, which makes the values small enough: for integer
 * bounds {@code lo ≤ hi}, {@code clamp(rint(v), lo, hi) == rint(clamp(v, lo, hi))}, since rint is
 * monotonic and leaves the integers lo and hi where they are. (-0.5 rounds to +0 rather than rint's
 * -0, the same integer.)
 */
final class RoundHalfEven {
    /** 1.5 × 2^23. */
    static final float SHIFTER = 12582912f;

    private RoundHalfEven() {
    }

    /** {@code Math.rint(v)} for {@code |v| ≤ 2^22}. */
    static float of(float v) {
        return (v + SHIFTER) - SHIFTER;
    }
}
