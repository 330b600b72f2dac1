package io.github.slim4j.core.prune;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where the entries of a dense tensor lie along one axis, from storage offsets alone. In a tensor
 * that fills one range of its buffer in any dimension order ('c', 'f' or permuted), the entry at
 * offset {@code p} has coordinate {@code (p / stride) % size} along an axis of that stride and size.
 * So entries come in runs of {@code stride} consecutive offsets with one coordinate (channel
 * {@code run % size}), and a line along the axis (every other coordinate fixed) steps by
 * {@code stride}: criteria walk runs and lines instead of dividing at every entry.
 *
 * @param stride  the axis's stride; 1 for an axis of size 1 or an empty tensor, whose strides are arbitrary
 * @param size    entries along the axis
 * @param entries entries in the tensor
 */
record AxisRuns(int stride, int size, int entries) {

    /** @param dense a tensor for which {@code FloatReader.isDense} holds */
    static AxisRuns of(INDArray dense, int axis) {
        int size = (int) dense.size(axis);
        int entries = (int) dense.length();
        return new AxisRuns(size == 1 || entries == 0 ? 1 : dense.stride(axis), size, entries);
    }

    /** Runs of {@link #stride} entries sharing one coordinate. */
    int runs() {
        return entries / stride;
    }

    /** The coordinate along the axis of the entries of a run. */
    int coordinate(int run) {
        return run % size;
    }

    /** Lines along the axis, each of {@link #size} entries. */
    int lines() {
        return size == 0 ? 0 : entries / size;
    }

    /** Storage offset of the first entry of a line; the line's {@code t}-th entry is {@code t · stride} further. */
    int lineStart(int line) {
        return line / stride * stride * size + line % stride;
    }
}
