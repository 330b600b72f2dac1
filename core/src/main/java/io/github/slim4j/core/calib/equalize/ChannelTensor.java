package io.github.slim4j.core.calib.equalize;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A parameter tensor copied out of its network in C order, with per-channel ranges and scaling
 * along one axis. Equalization computes on copies and writes them back only when every pair is
 * done, so that a failure cannot leave a network half rescaled.
 */
final class ChannelTensor {
    private final INDArray target;
    private final long[] shape;
    private final float[] values;

    ChannelTensor(INDArray target) {
        this.target = target;
        this.shape = target.shape();
        this.values = target.dup('c').reshape(target.length()).toFloatVector();
    }

    /** {@code max |w|} over each index of {@code axis}: the range a symmetric per-tensor grid must cover, channel by channel. */
    float[] ranges(int axis) {
        float[] ranges = new float[(int) shape[axis]];
        long stride = stride(axis);
        for (int i = 0; i < values.length; i++) {
            int channel = (int) ((i / stride) % shape[axis]);
            ranges[channel] = Math.max(ranges[channel], Math.abs(values[i]));
        }
        return ranges;
    }

    /** Multiplies each index of {@code axis} by its factor. */
    void scale(int axis, float[] factors) {
        long stride = stride(axis);
        for (int i = 0; i < values.length; i++) {
            values[i] *= factors[(int) ((i / stride) % shape[axis])];
        }
    }

    int rank() {
        return shape.length;
    }

    /** Writes the values back into the network's tensor. */
    void write() {
        target.assign(Nd4j.create(values, shape, 'c'));
    }

    private long stride(int axis) {
        long stride = 1;
        for (int a = shape.length - 1; a > axis; a--) {
            stride *= shape[a];
        }
        return stride;
    }
}
