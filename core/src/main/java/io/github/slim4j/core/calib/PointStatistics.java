package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records, batch by batch, the statistics of the activations at one quantization point that every
 * {@link CalibrationMethod} needs: the global min and max, each batch's min and max in order (so a
 * moving average with any constant can be recomputed), the number of values, and the histogram
 * PyTorch's {@code HistogramObserver} keeps ({@link RunningHistogram}). One pass over the data
 * fills it; {@link #snapshot()} freezes what it holds for choosing ranges.
 *
 * <p>Each batch costs two passes over its values, as in PyTorch: its extremes, which set the
 * histogram's range, then its bins. Not thread-safe: feed one point from one thread.
 */
public final class PointStatistics {
    private long count;
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private float[] batchMins = new float[16];
    private float[] batchMaxs = new float[16];
    private int batches;
    private final RunningHistogram histogram;

    public PointStatistics() {
        this(new RunningHistogram());
    }

    private PointStatistics(RunningHistogram histogram) {
        this.histogram = histogram;
    }

    /** Statistics that go on from an observation, as a calibration read back from a file. */
    static PointStatistics of(Observation observation) {
        PointStatistics statistics = new PointStatistics(RunningHistogram.of(observation.histogram()));
        statistics.count = observation.count();
        statistics.min = observation.min();
        statistics.max = observation.max();
        statistics.batchMins = observation.batchMins();
        statistics.batchMaxs = observation.batchMaxs();
        statistics.batches = observation.batches();
        return statistics;
    }

    /**
     * Adds a batch of activations, in any shape and floating-point type. An empty batch changes
     * nothing, as in PyTorch's observers.
     *
     * @throws Slim4jException when the batch holds NaN or infinite values, saying how many; the
     *     statistics are then unchanged
     */
    public void record(INDArray batch) {
        if (batch.length() == 0) {
            return;
        }
        BatchExtremes extremes = BatchExtremes.of(batch);
        histogram.add(batch, extremes);
        if (batches == batchMins.length) {
            batchMins = Arrays.copyOf(batchMins, 2 * batches);
            batchMaxs = Arrays.copyOf(batchMaxs, 2 * batches);
        }
        batchMins[batches] = extremes.min();
        batchMaxs[batches] = extremes.max();
        batches++;
        count += batch.length();
        min = Math.min(min, extremes.min());
        max = Math.max(max, extremes.max());
    }

    /** Values recorded so far. */
    public long count() {
        return count;
    }

    /**
     * What has been recorded, frozen.
     *
     * @throws Slim4jException when nothing has been recorded yet
     */
    public Observation snapshot() {
        return new Observation(count, min, max, Arrays.copyOf(batchMins, batches), Arrays.copyOf(batchMaxs, batches),
                batches == 0 ? null : histogram.snapshot());
    }
}
