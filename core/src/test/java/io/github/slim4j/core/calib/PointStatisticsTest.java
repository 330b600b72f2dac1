package io.github.slim4j.core.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PointStatisticsTest {

    @Test
    void recordsExtremesCountAndEachBatchsExtremesInOrder() {
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.createFromArray(1f, -2f, 3f));
        statistics.record(Nd4j.createFromArray(new float[][] {{0.5f, 0.25f}, {7f, -1f}}));
        Observation observation = statistics.snapshot();
        assertEquals(7, observation.count());
        assertEquals(-2f, observation.min());
        assertEquals(7f, observation.max());
        assertArrayEquals(new float[] {-2f, -1f}, observation.batchMins());
        assertArrayEquals(new float[] {3f, 7f}, observation.batchMaxs());
        assertEquals(7, observation.histogram().total(), 1e-9);
    }

    @Test
    void nanAndInfinityAreRefusedWithTheirCountAndChangeNothing() {
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.createFromArray(1f, 2f));
        Observation before = statistics.snapshot();
        Slim4jException e = assertThrows(Slim4jException.class,
                () -> statistics.record(Nd4j.createFromArray(1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NaN, 0f)));
        assertEquals("the batch holds 3 NaN or infinite values of 5; calibration needs finite activations", e.getMessage());
        assertEquals(before, statistics.snapshot());
    }

    @Test
    void theLargestFiniteFloatsAreExtremesNotNonFinite() {
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.createFromArray(Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE));
        assertEquals(Float.MAX_VALUE, statistics.snapshot().max());
        assertEquals(-Float.MAX_VALUE, statistics.snapshot().min());
    }

    /** A batch long enough to be read in parts, one bad value in each place a part can hold it. */
    @Test
    void nanOrInfinityIsFoundInAnyPartOfALongBatch() {
        int length = 600_000;
        for (int at : new int[] {0, 3, length / 2 - 1, length / 2, length / 2 + 2, length - 1}) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                float[] values = new float[length];
                Arrays.fill(values, 0.5f);
                values[at] = bad;
                PointStatistics statistics = new PointStatistics();
                Slim4jException e = assertThrows(Slim4jException.class, () -> statistics.record(Nd4j.createFromArray(values)),
                        bad + " at " + at);
                assertEquals("the batch holds 1 NaN or infinite values of 600000; calibration needs finite activations", e.getMessage());
            }
        }
    }

    @Test
    void aLongBatchsExtremesAreItsSmallestAndLargestValue() {
        SplittableRandom random = new SplittableRandom(5);
        float[] values = new float[700_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        values[699_999] = -9f;
        values[350_001] = 11f;
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.createFromArray(values));
        assertEquals(-9f, statistics.snapshot().min());
        assertEquals(11f, statistics.snapshot().max());
    }

    @Test
    void anEmptyBatchChangesNothingAndAnEmptyPointHasNoSnapshot() {
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0));
        assertEquals(0, statistics.count());
        Slim4jException e = assertThrows(Slim4jException.class, statistics::snapshot);
        assertEquals("no values recorded at this point; calibration needs at least one non-empty batch", e.getMessage());
    }

    @Test
    void batchesWithinTheRangeAddTheirCountsBinByBin() {
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.createFromArray(-1f, 0f, 1f));
        double[] first = statistics.snapshot().histogram().counts();
        statistics.record(Nd4j.createFromArray(-1f, 0f, 1f));
        ActivationHistogram histogram = statistics.snapshot().histogram();
        assertEquals(-1f, histogram.lo());
        assertEquals(1f, histogram.hi());
        assertArrayEquals(Arrays.stream(first).map(c -> 2 * c).toArray(), histogram.counts());
    }

    /** HistogramObserver's combination moves every count into the wider range, losing none. */
    @Property(tries = 60)
    void combiningHistogramsKeepsTheTotalCount(@ForAll @IntRange(min = 2, max = 6) int batches, @ForAll long seed,
            @ForAll @IntRange(min = -20, max = 20) int growthLog2) {
        double growth = Math.pow(2, growthLog2 / 2.0);
        SplittableRandom random = new SplittableRandom(seed);
        PointStatistics statistics = new PointStatistics();
        long values = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int b = 0; b < batches; b++) {
            float[] batch = new float[1 + random.nextInt(3000)];
            double spread = Math.pow(growth, b);
            double centre = random.nextDouble(-spread, spread);
            for (int i = 0; i < batch.length; i++) {
                batch[i] = (float) (centre + spread * random.nextGaussian());
                min = Math.min(min, batch[i]);
                max = Math.max(max, batch[i]);
            }
            statistics.record(Nd4j.createFromArray(batch));
            values += batch.length;
        }
        Observation observation = statistics.snapshot();
        assertEquals(values, observation.histogram().total(), 1e-9 * values);
        assertEquals(min, observation.histogram().lo());
        assertTrue(observation.histogram().hi() >= max);
        assertEquals(min, observation.min());
        assertEquals(max, observation.max());
    }

    /** Where PyTorch would forget a constant first batch, its values stay, in the bin that holds the constant. */
    @Test
    void aConstantFirstBatchKeepsItsCountWhenTheRangeOpens() {
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.createFromArray(2f, 2f, 2f));
        assertEquals(1024, firstNonEmpty(statistics.snapshot().histogram()), "histc's middle bin for a constant");
        statistics.record(Nd4j.createFromArray(0f, 4f));
        ActivationHistogram histogram = statistics.snapshot().histogram();
        assertEquals(5, histogram.total(), 1e-12);
        assertEquals(3, histogram.count(1024), 1e-12);
        assertEquals(1, histogram.count(0), 1e-12);
        assertEquals(1, histogram.count(2047), 1e-12);
    }

    private static int firstNonEmpty(ActivationHistogram histogram) {
        for (int i = 0; i < histogram.bins(); i++) {
            if (histogram.count(i) > 0) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aRangeGrownAMillionfoldCombinesWithoutMaterializingTheFineCells() {
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.createFromArray(0f, 1e-3f));
        statistics.record(Nd4j.createFromArray(0f, 1e4f));
        INDArray extra = Nd4j.createFromArray(5f);
        statistics.record(extra);
        assertEquals(5, statistics.snapshot().histogram().total(), 1e-9);
    }
}
