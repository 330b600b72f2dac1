package io.github.slim4j.core.calib;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The histogram of every batch seen, kept as PyTorch 1.13's {@code HistogramObserver.forward}
 * keeps it, with 2048 bins and an upsample rate of 128 U:
 *
 * <ul>
 *   <li>The first batch is counted over its exact float range [min, max] ({@link TorchHistc}), not
 *       over 1.13's {@code histc(min=int(min), max=int(max))}, which truncates the range to integers
 *       and drops the values outside it (see refdata/README.md).
 *   <li>A later batch widens the range to {@code [min(lo, batch min), max(hi, batch max)]} and then,
 *       as {@code _adjust_min_max} does in float32, further: with the fine width
 *       {@code w = (hi − lo)/(2048·U)} of the old histogram upsampled, {@code D = ceil((max − min)/(2048·w))}
 *       fine cells make one new bin, the new max grows by {@code e = D·(2048·w) − (max − min)} so that
 *       the new bins are exactly D fine cells, and the old histogram starts {@code s = rint((lo − min)/w)}
 *       fine cells in. Only the max moves, so a one-sided distribution keeps its min.
 *   <li>The batch is counted over the new range and the old histogram added to it, as
 *       {@code _combine_histograms} does: each old bin is repeated over its U fine cells, and each
 *       new bin takes the sum of its D fine cells divided by U. When the range did not change at all
 *       the counts simply add.
 * </ul>
 *
 * <p>{@code _combine_histograms} materializes the 2048·D fine cells and sums them; here each old
 * bin goes to the new bins it overlaps in proportion, the same numbers without the array, which a
 * range grown a millionfold would make too large for memory. Counts are doubles where PyTorch's
 * buffer is float32: they agree up to 2^24 values per bin, where float32 starts losing counts.
 *
 * <p>One deliberate difference: after a constant first batch (min = max) PyTorch replaces the
 * histogram by the next batch's, forgetting the constant's values; here they stay, counted in the
 * bin of the new range that holds the constant. The same holds for a range too narrow for its fine
 * width to be a float32 (below about 4·10^-40).
 */
final class RunningHistogram {
    static final int BINS = 2048;
    static final int UPSAMPLE_RATE = 128;

    private float lo = Float.POSITIVE_INFINITY;
    private float hi = Float.NEGATIVE_INFINITY;
    private double[] counts = new double[BINS];

    /** Adds a non-empty batch whose extremes are {@code batch}. */
    void add(INDArray values, BatchExtremes batch) {
        if (lo > hi) {
            lo = batch.min();
            hi = batch.max();
            TorchHistc.count(values, lo, hi, counts);
            return;
        }
        float combinedMin = Math.min(batch.min(), lo);
        float combinedMax = Math.max(batch.max(), hi);
        float fineWidth = (hi - lo) / (BINS * UPSAMPLE_RATE);
        if (fineWidth == 0f) {
            restartKeepingCounts(values, combinedMin, combinedMax);
            return;
        }
        float newBinWidth = BINS * fineWidth;
        long downsampleRate = (long) Math.ceil((combinedMax - combinedMin) / newBinWidth);
        combinedMax += downsampleRate * newBinWidth - (combinedMax - combinedMin);
        long start = (long) Math.rint((lo - combinedMin) / fineWidth);

        double[] combined = new double[BINS];
        TorchHistc.count(values, combinedMin, combinedMax, combined);
        if (combinedMin == lo && combinedMax == hi) {
            for (int i = 0; i < BINS; i++) {
                combined[i] += counts[i];
            }
        } else {
            addUpsampled(combined, downsampleRate, start);
        }
        lo = combinedMin;
        hi = combinedMax;
        counts = combined;
    }

    /**
     * Adds the old counts to {@code combined}: old bin j covers fine cells
     * [s + jU, s + (j+1)U), new bin k fine cells [kD, (k+1)D), and each fine cell carries 1/U of
     * its old bin. A start that rounding pushed one cell too far (where PyTorch would fail on the
     * shapes) is kept inside.
     */
    private void addUpsampled(double[] combined, long downsampleRate, long start) {
        long fineCells = BINS * downsampleRate;
        long first = Math.max(0, Math.min(start, fineCells - (long) BINS * UPSAMPLE_RATE));
        for (int j = 0; j < BINS; j++) {
            if (counts[j] == 0) {
                continue;
            }
            double perCell = counts[j] / UPSAMPLE_RATE;
            long from = first + (long) j * UPSAMPLE_RATE;
            long to = from + UPSAMPLE_RATE;
            while (from < to) {
                int k = (int) (from / downsampleRate);
                long end = Math.min(to, (k + 1) * downsampleRate);
                combined[k] += perCell * (end - from);
                from = end;
            }
        }
    }

    private void restartKeepingCounts(INDArray values, float newLo, float newHi) {
        double[] fresh = new double[BINS];
        TorchHistc.count(values, newLo, newHi, fresh);
        double kept = 0;
        for (double count : counts) {
            kept += count;
        }
        fresh[TorchHistc.bin(lo, newLo, newHi, BINS)] += kept;
        lo = newLo;
        hi = newHi;
        counts = fresh;
    }

    ActivationHistogram snapshot() {
        return new ActivationHistogram(lo, hi, counts);
    }

    /** A histogram that goes on from what {@link #snapshot()} froze, as a calibration read back from a file. */
    static RunningHistogram of(ActivationHistogram frozen) {
        RunningHistogram histogram = new RunningHistogram();
        histogram.lo = frozen.lo();
        histogram.hi = frozen.hi();
        histogram.counts = frozen.counts();
        return histogram;
    }
}
