package io.github.slim4j.core.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A copy of each slice's values, for range choices that need more than the extremes. Every slice
 * of a tensor, channel or group slicing holds the same number of values.
 */
final class SliceValues {

    private SliceValues() {
    }

    static float[][] of(INDArray values, SliceRuns runs) {
        int slices = runs.slices();
        float[][] copies = new float[slices][Math.toIntExact(values.length() / slices)];
        int[] filled = new int[slices];
        SliceRuns.Cursor segment = runs.cursor();
        COrder.forEachChunk(values, (chunk, position, length) -> {
            for (segment.start(position, length); segment.next(); ) {
                int n = segment.to - segment.from;
                System.arraycopy(chunk, segment.from, copies[segment.slice], filled[segment.slice], n);
                filled[segment.slice] += n;
            }
        });
        return copies;
    }
}
