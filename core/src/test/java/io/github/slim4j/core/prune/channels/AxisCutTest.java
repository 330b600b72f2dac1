package io.github.slim4j.core.prune.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AxisCutTest {

    @Test
    void aConvolutionLosesOutputRowsAndInputColumnsWorkedByHand() {
        // 3 outputs × 2 inputs × 1×2 kernels, values 0..11; keep outputs {0, 2} and input {1}.
        float[] weights = new float[12];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i;
        }
        Map<Integer, int[]> kept = Map.of(0, new int[] {0, 2}, 1, new int[] {1});

        assertArrayEquals(new float[] {2, 3, 10, 11}, cut(weights, new long[] {3, 2, 1, 2}, kept));
        assertArrayEquals(new long[] {2, 1, 1, 2}, AxisCut.shape(new long[] {3, 2, 1, 2}, kept));
    }

    @Test
    void onlyTheFirstAxisCutKeepsWholeSlabs() {
        float[] weights = {1, 2, 3, 4, 5, 6};

        assertArrayEquals(new float[] {3, 4, 5, 6}, cut(weights, new long[] {3, 2}, Map.of(0, new int[] {1, 2})));
    }

    @Test
    void aLaterAxisAloneIsCutInEverySlab() {
        // 2×3: keep column 2 of each row; then a bias of 4 keeping positions 0 and 3.
        assertArrayEquals(new float[] {3, 6}, cut(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, Map.of(1, new int[] {2})));
        assertArrayEquals(new float[] {7, 10}, cut(new float[] {7, 8, 9, 10}, new long[] {4}, Map.of(0, new int[] {0, 3})));
    }

    @Property(tries = 300)
    void keepsExactlyTheChosenPositionsOfAnyRank4Tensor(@ForAll @IntRange(min = 1, max = 5) int a, @ForAll @IntRange(min = 1, max = 5) int b,
            @ForAll @IntRange(min = 1, max = 4) int c, @ForAll @IntRange(min = 1, max = 4) int d, @ForAll @IntRange(min = 1, max = 15) int axes,
            @ForAll long seed) {
        long[] shape = {a, b, c, d};
        java.util.Random random = new java.util.Random(seed);
        Map<Integer, int[]> kept = new TreeMap<>();
        for (int axis = 0; axis < 4; axis++) {
            if ((axes & (1 << axis)) != 0) {
                kept.put(axis, java.util.stream.IntStream.range(0, (int) shape[axis]).filter(i -> random.nextBoolean()).toArray());
            }
        }
        if (kept.values().stream().anyMatch(positions -> positions.length == 0)) {
            return;
        }
        float[] weights = new float[a * b * c * d];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i;
        }

        // The definition: element (i, j, k, l) survives when each cut axis keeps its index, in order.
        float[] expected = new float[weights.length];
        int count = 0;
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    for (int l = 0; l < d; l++) {
                        if (keeps(kept, 0, i) && keeps(kept, 1, j) && keeps(kept, 2, k) && keeps(kept, 3, l)) {
                            expected[count++] = ((i * b + j) * c + k) * d + l;
                        }
                    }
                }
            }
        }

        assertArrayEquals(Arrays.copyOf(expected, count), cut(weights, shape, kept));
    }

    private static boolean keeps(Map<Integer, int[]> kept, int axis, int index) {
        return !kept.containsKey(axis) || Arrays.stream(kept.get(axis)).anyMatch(position -> position == index);
    }

    private static float[] cut(float[] weights, long[] shape, Map<Integer, int[]> kept) {
        long[] cutShape = AxisCut.shape(shape, kept);
        float[] out = new float[(int) Arrays.stream(cutShape).reduce(1, (x, y) -> x * y)];
        AxisCut.copy(FloatBuffer.wrap(weights), shape, kept, FloatBuffer.wrap(out));
        return out;
    }
}
