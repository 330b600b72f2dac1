package io.github.slim4j.core.prune.channels;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.stream.IntStream;

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
     * Copies the kept positions of each cut axis, in order, from a c-ordered tensor into the target.
     * Runs of the axes after the last cut one are contiguous on both sides; when the first axis is
     * the only one cut they are whole slabs and go buffer to buffer. Otherwise each kept slab of the
     * first axis is read into an array at once and cut there: the runs are short (a 3×3 kernel is 9
     * values), and a buffer copy per run cost more than reading the slab whole.
     *
     * @param source the tensor's values in c order, from position 0
     * @param keptByAxis the kept positions of each cut axis, ascending; at least one axis
     * @param target receives {@link #shape} many values from its position on
     */
    public static void copy(FloatBuffer source, long[] shape, Map<Integer, int[]> keptByAxis, FloatBuffer target) {
        int last = keptByAxis.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride = Math.multiplyExact(stride, Math.toIntExact(shape[d]));
        }
        int[] slabs = positions(keptByAxis.get(0), shape[0]);
        if (last == 0) {
            for (int slab : slabs) {
                target.put(target.position(), source, slab * strides[0], strides[0]);
                target.position(target.position() + strides[0]);
            }
            return;
        }
        long[] cutShape = shape(shape, keptByAxis);
        int cutSlab = 1;
        for (int d = 1; d < shape.length; d++) {
            cutSlab *= (int) cutShape[d];
        }
        float[] slab = new float[strides[0]];
        float[] cut = new float[cutSlab];
        for (int first : slabs) {
            source.get(first * strides[0], slab, 0, slab.length);
            copy(slab, cut, shape, strides, keptByAxis, 1, last, 0, 0);
            target.put(cut);
        }
    }

    private static int[] positions(int[] kept, long size) {
        return kept != null ? kept : IntStream.range(0, Math.toIntExact(size)).toArray();
    }

    /** Copies the kept runs of the slab below the axis from the offset; returns where writing ended. */
    private static int copy(float[] slab, float[] cut, long[] shape, int[] strides, Map<Integer, int[]> keptByAxis, int axis, int last, int offset,
            int written) {
        int[] kept = keptByAxis.get(axis);
        int count = kept == null ? (int) shape[axis] : kept.length;
        for (int i = 0; i < count; i++) {
            int at = offset + (kept == null ? i : kept[i]) * strides[axis];
            if (axis == last) {
                System.arraycopy(slab, at, cut, written, strides[axis]);
                written += strides[axis];
            } else {
                written = copy(slab, cut, shape, strides, keptByAxis, axis + 1, last, at, written);
            }
        }
        return written;
    }
}
