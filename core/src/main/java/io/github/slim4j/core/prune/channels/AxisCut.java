package io.github.slim4j.core.prune.channels;

import java.nio.FloatBuffer;
import java.util.Map;

/** A tensor with only some positions of some axes kept: the weights of a model with channels removed. */
public final class AxisCut {
    private AxisCut() {
    }

    /** The shape once each cut axis holds only its kept positions. */
    public static long[] shape(long[] shape, Map<Integer, int[]> keptByAxis) {
        long[] cut = shape.clone();
        keptByAxis.forEach((axis, kept) -> cut[axis] = kept.length);
        return cut;
    }

    /**
     * Copies the kept positions of each cut axis, in order, from a c-ordered tensor into the target,
     * in one pass: runs of the axes after the last cut one are contiguous on both sides.
     *
     * @param source the tensor's values in c order, from position 0
     * @param keptByAxis the kept positions of each cut axis, ascending; at least one axis
     * @param target receives {@link #shape} many values from its position on
     */
    public static void copy(FloatBuffer source, long[] shape, Map<Integer, int[]> keptByAxis, FloatBuffer target) {
        int last = keptByAxis.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        long run = 1;
        for (int d = last + 1; d < shape.length; d++) {
            run *= shape[d];
        }
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
        copy(source, target, shape, strides, keptByAxis, 0, last, 0, Math.toIntExact(run));
    }

    private static void copy(FloatBuffer source, FloatBuffer target, long[] shape, long[] strides, Map<Integer, int[]> keptByAxis, int axis, int last,
            long offset, int run) {
        int[] kept = keptByAxis.get(axis);
        int count = kept == null ? (int) shape[axis] : kept.length;
        for (int i = 0; i < count; i++) {
            long at = offset + (kept == null ? i : kept[i]) * strides[axis];
            if (axis == last) {
                target.put(target.position(), source, (int) at, run);
                target.position(target.position() + run);
            } else {
                copy(source, target, shape, strides, keptByAxis, axis + 1, last, at, run);
            }
        }
    }
}
