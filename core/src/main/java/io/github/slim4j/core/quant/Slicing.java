package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;

/**
 * Which values share a scale, as axes of one tensor: a {@link Granularity} resolved against the
 * tensor's {@link WeightAxes}, and what {@link QParams} records.
 *
 * @param axis      the channel axis; -1 when slices do not follow channels
 * @param groupSize values per group along {@code groupAxis}; 0 without groups
 * @param groupAxis the axis groups run along; -1 without groups
 */
record Slicing(int axis, int groupSize, int groupAxis) {

    /** One slice: the whole tensor. */
    static final Slicing WHOLE = new Slicing(-1, 0, -1);

    /**
     * Per channel along the given axis or the output axis; per group along the input axis within
     * each output channel, or along a vector, whose input and output are the same axis.
     */
    static Slicing of(Granularity granularity, WeightAxes axes) {
        if (granularity instanceof Granularity.PerChannel channel) {
            return new Slicing(channel.axis().orElse(axes.output()), 0, -1);
        }
        if (granularity instanceof Granularity.PerGroup group) {
            return new Slicing(axes.input() == axes.output() ? -1 : axes.output(), group.size(), axes.input());
        }
        return WHOLE;
    }

    /**
     * The runs of a C-ordered tensor of this shape.
     *
     * @throws Slim4jException for an axis the tensor does not have, or an input dimension that is
     *     not a multiple of the group size
     */
    SliceRuns runs(long[] shape) {
        int channels = 1;
        long inner = product(shape, 0, shape.length);
        if (axis >= 0) {
            check("channel", axis, shape.length);
            channels = Math.toIntExact(shape[axis]);
            inner = product(shape, axis + 1, shape.length);
        }
        if (groupSize == 0) {
            return new SliceRuns(inner, channels, 1, 1, 1);
        }
        check("input", groupAxis, shape.length);
        long inputs = shape[groupAxis];
        if (inputs % groupSize != 0) {
            throw new Slim4jException("the input axis " + groupAxis + " has " + inputs + " values, not a multiple of the group size "
                    + groupSize);
        }
        int groups = Math.toIntExact(inputs / groupSize);
        long groupRun = groupSize * product(shape, groupAxis + 1, shape.length);
        if (axis < 0) {
            return new SliceRuns(groupRun, 1, 1, groups, 1);
        }
        if (axis < groupAxis) {
            // [..., channel, between..., groups, groupSize, inner...]: a run is one group; channels change slowest.
            return new SliceRuns(groupRun, channels, groups * product(shape, axis + 1, groupAxis), groups, 1);
        }
        // [..., groups, groupSize, between..., channel, inner...]: a run is one channel's inner block.
        return new SliceRuns(inner, channels, 1, groups, channels * product(shape, groupAxis + 1, axis) * groupSize);
    }

    private static void check(String role, int axis, int rank) {
        if (axis >= rank) {
            throw new Slim4jException(role + " axis " + axis + " does not exist in a tensor of rank " + rank
                    + (rank == 0 ? ", which has no axes" : " (axes 0 to " + (rank - 1) + ")"));
        }
    }

    private static long product(long[] shape, int from, int to) {
        long product = 1;
        for (int d = from; d < to; d++) {
            product *= shape[d];
        }
        return product;
    }
}
