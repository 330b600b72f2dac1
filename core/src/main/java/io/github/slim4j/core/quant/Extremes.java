package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The smallest and largest value of every slice, in one pass, as PyTorch's min-max observers
 * measure them; a slice without values has min +∞ and max −∞. Refuses NaN and infinite values:
 * they would make every scale of their slice NaN or infinite.
 */
record Extremes(float[] min, float[] max) {

    /**
     * @throws Slim4jException when any value is NaN or infinite, saying how many
     */
    static Extremes of(INDArray values, SliceRuns runs) {
        List<Extremes> parts = Collections.synchronizedList(new ArrayList<>());
        COrder.forEachChunkInParts(values, () -> {
            Extremes part = empty(runs.slices());
            parts.add(part);
            SliceRuns.Cursor segment = runs.cursor();
            return (chunk, position, length) -> {
                for (segment.start(position, length); segment.next(); ) {
                    // NaN spreads through Math.min and Math.max, so it shows in the result.
                    float lo = part.min[segment.slice];
                    float hi = part.max[segment.slice];
                    for (int i = segment.from; i < segment.to; i++) {
                        lo = Math.min(lo, chunk[i]);
                        hi = Math.max(hi, chunk[i]);
                    }
                    part.min[segment.slice] = lo;
                    part.max[segment.slice] = hi;
                }
            };
        });
        // Math.min and Math.max give the same value in any order (NaN, and −0 below +0, included),
        // so merging the parts gives what one pass in order gives.
        Extremes all = empty(runs.slices());
        for (Extremes part : parts) {
            for (int s = 0; s < all.min.length; s++) {
                all.min[s] = Math.min(all.min[s], part.min[s]);
                all.max[s] = Math.max(all.max[s], part.max[s]);
            }
        }
        float[] min = all.min;
        float[] max = all.max;
        for (int s = 0; s < min.length; s++) {
            boolean empty = min[s] == Float.POSITIVE_INFINITY && max[s] == Float.NEGATIVE_INFINITY;
            if (!empty && !(Float.isFinite(min[s]) && Float.isFinite(max[s]))) {
                throw new NonFiniteValues(NonFinite.count(values));
            }
        }
        return new Extremes(min, max);
    }

    private static Extremes empty(int slices) {
        float[] min = new float[slices];
        float[] max = new float[slices];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        return new Extremes(min, max);
    }

    /** @throws Slim4jException when any value is NaN or infinite, saying how many */
    static void requireFinite(INDArray values) {
        of(values, Slicing.WHOLE.runs(values.shape()));
    }

    /** The largest magnitude over all slices; 0 when there are no values. */
    float maxMagnitude() {
        float magnitude = 0;
        for (int s = 0; s < min.length; s++) {
            magnitude = Math.max(magnitude, Math.max(-min[s], max[s]));
        }
        return magnitude;
    }
}
