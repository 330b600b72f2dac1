package io.github.slim4j.core.prune.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChannelNormsTest {

    @Test
    void l1AndL2OfEachOutputChannelWorkedByHand() {
        // Two channels of 2×2: {1, -2, 3, -4} and {0, 0.5, -0.5, 2}.
        float[] weights = {1, -2, 3, -4, 0, 0.5f, -0.5f, 2};
        long[] shape = {2, 1, 2, 2};

        assertArrayEquals(new double[] {10, 3}, ChannelNorms.of(FloatBuffer.wrap(weights), shape, 0, 1));
        assertArrayEquals(new double[] {Math.sqrt(30), Math.sqrt(4.5)}, ChannelNorms.of(FloatBuffer.wrap(weights), shape, 0, 2), 1e-12);
    }

    @Test
    void aMiddleAxisGathersItsSlicesFromEveryOuterPosition() {
        // Shape 2×3×1: axis 1 has channels {1, 4}, {-2, 5}, {3, -6}.
        float[] weights = {1, -2, 3, 4, 5, -6};

        assertArrayEquals(new double[] {5, 7, 9}, ChannelNorms.of(FloatBuffer.wrap(weights), new long[] {2, 3, 1}, 1, 1));
    }

    @Test
    void longRunsAreSummedWhole() {
        // 600 values per channel (runs longer than a piece, not a multiple of it): 1, 2, ..., 600 and their negatives.
        float[] weights = new float[1200];
        for (int i = 0; i < 600; i++) {
            weights[i] = i + 1;
            weights[600 + i] = -(i + 1);
        }

        double[] l1 = ChannelNorms.of(FloatBuffer.wrap(weights), new long[] {2, 600}, 0, 1);
        double[] l2 = ChannelNorms.of(FloatBuffer.wrap(weights), new long[] {2, 600}, 0, 2);

        assertArrayEquals(new double[] {180_300, 180_300}, l1);
        // Σ i² for i ≤ 600 = 600·601·1201/6 = 72,180,100.
        assertArrayEquals(new double[] {Math.sqrt(72_180_100), Math.sqrt(72_180_100)}, l2, 1e-9);
    }

    @Property(tries = 200)
    void equalsTheSumOverEachSliceForAnyShapeAndAxis(@ForAll @IntRange(min = 1, max = 5) int outer, @ForAll @IntRange(min = 1, max = 7) int size,
            @ForAll @IntRange(min = 1, max = 700) int inner, @ForAll @IntRange(min = 1, max = 2) int norm) {
        float[] weights = new float[outer * size * inner];
        java.util.Random random = new java.util.Random(outer * 31L + size * 7L + inner);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        double[] expected = new double[size];
        for (int o = 0; o < outer; o++) {
            for (int c = 0; c < size; c++) {
                for (int i = 0; i < inner; i++) {
                    double value = weights[(o * size + c) * inner + i];
                    expected[c] += norm == 2 ? value * value : Math.abs(value);
                }
            }
        }

        double[] norms = ChannelNorms.of(FloatBuffer.wrap(weights), new long[] {outer, size, inner}, 1, norm);

        for (int c = 0; c < size; c++) {
            double want = norm == 2 ? Math.sqrt(expected[c]) : expected[c];
            // Lanes sum in float: a few units in the seventh digit.
            assertEquals(want, norms[c], 1e-6 * want + 1e-9, "channel " + c);
        }
    }
}
