package io.github.slim4j.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HistogramTest {

    @Test
    void lastBinIsClosedAndOthersHalfOpenLikeNumpy() {
        // np.histogram([0, 1, 2, 3, 4], bins=4) -> [1, 1, 1, 2]
        Histogram h = Histogram.of(Nd4j.createFromArray(0f, 1f, 2f, 3f, 4f), 4);
        assertEquals(0, h.lo());
        assertEquals(4, h.hi());
        assertArrayEquals(new long[] {1, 1, 1, 2}, h.counts());
    }

    @Test
    void aValueOnAnInnerEdgeGoesToTheBinItOpensEvenWhenScalingRoundsBelow() {
        // np.histogram([3.5150070190429688], bins=2, range=(2.7315478324890137, 4.298466205596924)) -> [0, 1];
        // (v - lo) * bins / (hi - lo) comes out just under 1 here, so only the edge check gets it right.
        float lo = 2.7315478f;
        float hi = 4.2984662f;
        float v = 3.515007f;
        assertArrayEquals(new long[] {0, 1}, Histogram.of(Nd4j.createFromArray(v), 2, lo, hi).counts());
    }

    @Test
    void valuesOutsideAnExplicitRangeAreNotCounted() {
        // np.histogram([-1, 0, 0.5, 1, 2, nan], bins=2, range=(0, 1)) -> [1, 2]
        Histogram h = Histogram.of(Nd4j.createFromArray(-1f, 0f, 0.5f, 1f, 2f, Float.NaN), 2, 0, 1);
        assertArrayEquals(new long[] {1, 2}, h.counts());
        assertEquals(3, h.total());
    }

    @Test
    void autoRangeCountsEveryFiniteValue() {
        INDArray values = Nd4j.randn(DataType.FLOAT, 20_000);
        values.putScalar(7, Float.NaN);
        values.putScalar(8, Float.POSITIVE_INFINITY);
        TensorStats stats = TensorStats.of(values);

        Histogram h = Histogram.of(values, 37);

        assertEquals(stats.finiteCount(), h.total());
        assertEquals(stats.min(), h.lo());
        assertEquals(stats.max(), h.hi());
    }

    @Test
    void constantValuesWidenToAUnitRangeAroundThemLikeNumpy() {
        // np.histogram([3, 3, 3], bins=5) -> counts [0, 0, 3, 0, 0], edges 2.5 ... 3.5
        Histogram h = Histogram.of(Nd4j.valueArrayOf(new long[] {3}, 3f), 5);
        assertEquals(2.5, h.lo());
        assertEquals(3.5, h.hi());
        assertArrayEquals(new long[] {0, 0, 3, 0, 0}, h.counts());
        // With an even bin count the constant sits on an edge and goes to the bin above it.
        assertArrayEquals(new long[] {0, 0, 3, 0}, Histogram.of(Nd4j.valueArrayOf(new long[] {3}, 3f), 4).counts());
        assertArrayEquals(new long[] {0, 3, 0}, Histogram.of(Nd4j.valueArrayOf(new long[] {3}, 3f), 3, 3, 3).counts());
    }

    @Test
    void noFiniteValuesGiveAnEmptyUnitRange() {
        Histogram h = Histogram.of(Nd4j.createFromArray(Float.NaN, Float.NEGATIVE_INFINITY), 4);
        assertEquals(new Histogram(0, 1, new long[4]), h);
        assertEquals(new Histogram(0, 1, new long[4]), Histogram.of(Nd4j.create(DataType.FLOAT, 0), 4));
    }

    @Test
    void binGeometry() {
        Histogram h = new Histogram(-1, 1, new long[] {1, 2, 3, 4});
        assertEquals(4, h.bins());
        assertEquals(0.5, h.binWidth());
        assertEquals(-1, h.binLo(0));
        assertEquals(0.5, h.binLo(3));
        assertEquals(1, h.binLo(4));
        assertEquals(-0.75, h.binCenter(0));
        assertEquals(0.75, h.binCenter(3));
        assertEquals(10, h.total());
        assertEquals(3, h.count(2));
    }

    @Test
    void countsCannotBeChangedFromOutside() {
        long[] counts = {1, 2};
        Histogram h = new Histogram(0, 1, counts);
        counts[0] = 99;
        h.counts()[1] = 99;
        assertArrayEquals(new long[] {1, 2}, h.counts());
    }

    @Test
    void badArgumentsAreNamed() {
        INDArray values = Nd4j.ones(3);
        assertEquals("bins must be at least 1, got 0",
                assertThrows(Slim4jException.class, () -> Histogram.of(values, 0)).getMessage());
        assertEquals("histogram range must be finite with lo <= hi, got [2.0, 1.0]",
                assertThrows(Slim4jException.class, () -> Histogram.of(values, 3, 2, 1)).getMessage());
        assertEquals("histogram range must be finite with lo <= hi, got [NaN, 1.0]",
                assertThrows(Slim4jException.class, () -> Histogram.of(values, 3, Double.NaN, 1)).getMessage());
    }

    /**
     * Values on and next to every edge land where NumPy's definition puts them: in the bin whose
     * left edge is the largest one not above the value, the last bin closed.
     */
    @Property(tries = 1000)
    void valuesOnAndNearEdgesFollowTheEdgeDefinition(@ForAll @IntRange(min = 1, max = 50) int bins,
            @ForAll @DoubleRange(min = -100, max = 100) @Scale(6) double loArg,
            @ForAll @DoubleRange(min = 1e-3, max = 50) @Scale(6) double width) {
        // Float ends, as an automatic range has: only then can a float value sit exactly on an inner edge.
        double lo = (float) loArg;
        double hi = (float) (loArg + width);
        double[] edges = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            edges[i] = i * ((hi - lo) / bins) + lo;
        }
        edges[bins] = hi;
        float[] values = new float[3 * (bins + 1)];
        for (int i = 0; i <= bins; i++) {
            float edge = (float) edges[i];
            values[3 * i] = edge;
            values[3 * i + 1] = Math.nextDown(edge);
            values[3 * i + 2] = Math.nextUp(edge);
        }
        long[] expected = new long[bins];
        for (float v : values) {
            if (v >= lo && v <= hi) {
                int bin = 0;
                while (bin < bins - 1 && edges[bin + 1] <= v) {
                    bin++;
                }
                expected[bin]++;
            }
        }

        assertArrayEquals(expected, Histogram.of(Nd4j.createFromArray(values), bins, lo, hi).counts());
    }

    @Property(tries = 100)
    void autoRangeTotalIsTheFiniteCount(@ForAll @IntRange(min = 1, max = 300) int bins, @ForAll long seed) {
        Random random = new Random(seed);
        float[] values = new float[1 + random.nextInt(5000)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(20) == 0 ? Float.NaN : (float) (random.nextGaussian() * 10);
        }
        long finite = Arrays.stream(box(values)).filter(v -> !v.isNaN()).count();
        assertEquals(finite, Histogram.of(Nd4j.createFromArray(values), bins).total());
    }

    private static Float[] box(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
