package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Integer codes on a uniform grid per slice, bit for bit as PyTorch's {@code quantize_per_tensor},
 * {@code quantize_per_channel} and {@code fake_quantize_*}:
 * {@code q = clamp(zp + rint(x × inv), qmin, qmax)} with {@code inv = 1.0f / scale} (a float32
 * multiply by the float32 reciprocal, not a division, which rounds differently) and rint rounding
 * half to even; {@code deq = (float) (q − zp) × scale}.
 *
 * <p>The loops stay in float arithmetic, which the JIT vectorizes. Encoding clamps {@code x × inv}
 * into {@code [qmin − zp, qmax − zp]} before rounding (equal, for these integer bounds, to rounding
 * first; see {@link RoundHalfEven}), then adds 1.5 × 2^23 and the zero point: the sum is the float
 * whose bits are {@code SHIFTED_BITS + q} (both additions exact, floats in [2^23, 2^24) being the
 * integers), so the codes are those bits less a constant ({@link FloatBits}). Decoding runs the
 * other way, and fake quantization never leaves floats: {@code ((clamped + 1.5·2^23) − 1.5·2^23) × scale}.
 */
final class AffineGrid implements Codec {
    /** The bits of {@link RoundHalfEven#SHIFTER}: the float {@code SHIFTER + k} has the bits {@code SHIFTED_BITS + k}. */
    private static final int SHIFTED_BITS = Float.floatToRawIntBits(RoundHalfEven.SHIFTER);

    private final SliceRuns runs;
    private final float[] scales;
    private final int[] zeroPoints;
    private final float[] inverseScales;
    private final float[] lows;
    private final float[] highs;
    private final boolean signed;
    private final float[] shifted = new float[COrder.CHUNK];
    private final FloatBits bits = new FloatBits(COrder.CHUNK);

    /**
     * @throws Slim4jException when the parameters do not fit the tensor: another number of slices
     *     than the shape has, an axis it lacks, or a zero point outside the code range
     */
    AffineGrid(long[] shape, QParams qparams, int qmin, int qmax) {
        this.runs = qparams.slicing().runs(shape);
        if (qparams.slices() != runs.slices()) {
            throw new Slim4jException("the parameters hold " + qparams.slices() + " scales, but a tensor of shape "
                    + Arrays.toString(shape) + " has " + runs.slices() + " slices for them");
        }
        this.scales = qparams.scales();
        this.zeroPoints = qparams.zeroPoints();
        this.inverseScales = new float[scales.length];
        this.lows = new float[scales.length];
        this.highs = new float[scales.length];
        for (int s = 0; s < scales.length; s++) {
            if (zeroPoints[s] < qmin || zeroPoints[s] > qmax) {
                throw new Slim4jException("zero point " + zeroPoints[s] + " is outside the code range " + qmin + " to " + qmax);
            }
            inverseScales[s] = 1.0f / scales[s];
            lows[s] = qmin - zeroPoints[s];
            highs[s] = qmax - zeroPoints[s];
        }
        this.signed = qmin < 0;
    }

    /** The codes of {@code values} on this grid, packed at {@code bits} bits. */
    static PackedCodes codes(INDArray values, QParams qparams, int qmin, int qmax, int bits) {
        return CodeStream.encode(values, () -> new AffineGrid(values.shape(), qparams, qmin, qmax), bits);
    }

    @Override
    public boolean signedCodes() {
        return signed;
    }

    @Override
    public void encode(float[] values, long position, int length, int[] codes) {
        SliceRuns.Cursor segment = runs.cursor();
        for (segment.start(position, length); segment.next(); ) {
            float inverse = inverseScales[segment.slice];
            float low = lows[segment.slice];
            float high = highs[segment.slice];
            float zeroPoint = zeroPoints[segment.slice];
            for (int i = segment.from; i < segment.to; i++) {
                shifted[i] = (Math.min(Math.max(values[i] * inverse, low), high) + RoundHalfEven.SHIFTER) + zeroPoint;
            }
        }
        bits.toInts(shifted, length, codes);
        for (int i = 0; i < length; i++) {
            codes[i] -= SHIFTED_BITS;
        }
    }

    @Override
    public void decode(int[] codes, long position, int length, float[] values) {
        for (int i = 0; i < length; i++) {
            codes[i] += SHIFTED_BITS;
        }
        bits.toFloats(codes, length, values);
        SliceRuns.Cursor segment = runs.cursor();
        for (segment.start(position, length); segment.next(); ) {
            float scale = scales[segment.slice];
            float shiftedZero = RoundHalfEven.SHIFTER + zeroPoints[segment.slice];
            for (int i = segment.from; i < segment.to; i++) {
                values[i] = (values[i] - shiftedZero) * scale;
            }
        }
    }

    /**
     * Replaces each value by the value its code stands for, {@code decode(encode(v))} bit for bit,
     * without making the codes: PyTorch's {@code fake_quantize_*}.
     */
    void fakeQuantize(float[] values, long position, int length) {
        SliceRuns.Cursor segment = runs.cursor();
        for (segment.start(position, length); segment.next(); ) {
            float inverse = inverseScales[segment.slice];
            float low = lows[segment.slice];
            float high = highs[segment.slice];
            float scale = scales[segment.slice];
            for (int i = segment.from; i < segment.to; i++) {
                values[i] = onGrid(values[i], inverse, low, high, scale);
            }
        }
    }

    /**
     * {@code Σ (x − deq(q(x)))²} over one slice's values on the grid of one scale and zero point,
     * each term what {@link #fakeQuantize} makes of x, summed in double: how well a candidate grid
     * fits the values it would replace.
     */
    static double squaredError(float[] values, float scale, int zeroPoint, int qmin, int qmax) {
        float inverse = 1.0f / scale;
        float low = qmin - zeroPoint;
        float high = qmax - zeroPoint;
        double sum = 0;
        for (float value : values) {
            double error = value - onGrid(value, inverse, low, high, scale);
            sum += error * error;
        }
        return sum;
    }

    /** The value x's code stands for, {@code rint(clamp(x × inv, low, high)) × scale}. */
    private static float onGrid(float value, float inverse, float low, float high, float scale) {
        return RoundHalfEven.of(Math.min(Math.max(value * inverse, low), high)) * scale;
    }

    /**
     * Replaces each value by 1 where {@link #fakeQuantize} passes the gradient straight through and
     * by 0 where it clamps, as PyTorch's fake-quantize backward: 1 where {@code rint(x × inv)} lies in
     * {@code [qmin − zp, qmax − zp]}. Clamping into one step beyond that range first keeps the
     * rounding in {@link RoundHalfEven}'s domain without changing which side a value falls on; NaN
     * fails both comparisons and gets 0, as in PyTorch.
     */
    void passMask(float[] values, long position, int length) {
        SliceRuns.Cursor segment = runs.cursor();
        for (segment.start(position, length); segment.next(); ) {
            float inverse = inverseScales[segment.slice];
            float low = lows[segment.slice];
            float high = highs[segment.slice];
            for (int i = segment.from; i < segment.to; i++) {
                float code = RoundHalfEven.of(Math.min(Math.max(values[i] * inverse, low - 1), high + 1));
                values[i] = code >= low && code <= high ? 1f : 0f;
            }
        }
    }
}
