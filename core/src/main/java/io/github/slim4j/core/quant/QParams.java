package io.github.slim4j.core.quant;

import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The scales and zero points of an integer or fixed-point quantization, one per tensor, channel or
 * group, in that order of slices: per group, channel-major ({@code channel × groups + group}).
 * Powers of two keep one scale here too, their largest power {@code 2^k}, with zero point 0.
 *
 * <p>The arrays are copied in and out, so a record never changes.
 *
 * @param axis      the channel axis: per-channel quantization's, or per-group quantization's output
 *                  axis, whose every channel has its own groups; -1 per tensor, and for groups along
 *                  a vector
 * @param groupSize values per group along {@code groupAxis} for per-group quantization, 0 otherwise
 * @param groupAxis the axis groups run along, the input axis; -1 without groups
 */
public record QParams(float[] scales, int[] zeroPoints, int axis, int groupSize, int groupAxis) {

    private static final int SCALE_BITS = Float.SIZE;
    private static final int ZERO_POINT_BITS = Integer.SIZE;

    public QParams {
        if (scales.length != zeroPoints.length) {
            throw new IllegalArgumentException(scales.length + " scales and " + zeroPoints.length + " zero points");
        }
        if (axis < -1 || groupSize < 0 || groupAxis < -1 || (groupSize > 0) != (groupAxis >= 0)) {
            throw new IllegalArgumentException("axis " + axis + ", group size " + groupSize + " and group axis " + groupAxis
                    + " do not describe per-tensor, per-channel or per-group parameters");
        }
        scales = scales.clone();
        zeroPoints = zeroPoints.clone();
    }

    /**
     * Per-tensor or per-channel parameters, the form first pinned, which has no group axis.
     *
     * @throws IllegalArgumentException for {@code groupSize > 0}: groups need their axis
     */
    public QParams(float[] scales, int[] zeroPoints, int axis, int groupSize) {
        this(scales, zeroPoints, axis, groupSize, -1);
    }

    /** One scale and zero point for the whole tensor. */
    public static QParams perTensor(float scale, int zeroPoint) {
        return of(new float[] {scale}, new int[] {zeroPoint}, Slicing.WHOLE);
    }

    /** One scale and zero point per slice along {@code axis}. */
    public static QParams perChannel(float[] scales, int[] zeroPoints, int axis) {
        return new QParams(scales, zeroPoints, axis, 0, -1);
    }

    static QParams of(float[] scales, int[] zeroPoints, Slicing slicing) {
        return new QParams(scales, zeroPoints, slicing.axis(), slicing.groupSize(), slicing.groupAxis());
    }

    @Override
    public float[] scales() {
        return scales.clone();
    }

    @Override
    public int[] zeroPoints() {
        return zeroPoints.clone();
    }

    /** The number of slices, each with a scale and a zero point. */
    public int slices() {
        return scales.length;
    }

    /** Bits the parameters take to store: a float32 scale each, and an int32 zero point each when any is not 0. */
    public long storageBits() {
        boolean zeroPointsStored = Arrays.stream(zeroPoints).anyMatch(zeroPoint -> zeroPoint != 0);
        return (long) scales.length * (SCALE_BITS + (zeroPointsStored ? ZERO_POINT_BITS : 0));
    }

    Slicing slicing() {
        return new Slicing(axis, groupSize, groupAxis);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QParams q && axis == q.axis && groupSize == q.groupSize && groupAxis == q.groupAxis
                && Arrays.equals(scales, q.scales) && Arrays.equals(zeroPoints, q.zeroPoints);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(scales) * 31 + Arrays.hashCode(zeroPoints)) * 31 + axis) * 31 + groupSize * 7 + groupAxis;
    }

    @Override
    public String toString() {
        String slices = groupSize > 0 ? "groups of " + groupSize + " along axis " + groupAxis + (axis >= 0 ? " per channel of axis " + axis : "")
                : axis >= 0 ? "channels of axis " + axis : "the tensor";
        return "QParams[" + scales.length + " slices (" + slices + "), scales " + range(scales.length, i -> scales[i])
                + ", zero points " + range(zeroPoints.length, i -> zeroPoints[i]) + "]";
    }

    private static String range(int length, IntToDoubleFunction element) {
        DoubleSummaryStatistics values = IntStream.range(0, length).mapToDouble(element).summaryStatistics();
        return length == 0 ? "none" : values.getMin() == values.getMax() ? String.valueOf(values.getMin())
                : values.getMin() + " to " + values.getMax();
    }
}
