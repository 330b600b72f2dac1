package io.github.slim4j.core.stats;

import io.github.slim4j.core.tensor.FloatReader;

/**
 * Running {@link TensorStats}. Each chunk gets an exact two-pass mean and sum of squared
 * deviations while it sits in cache, and chunks merge by Chan et al.'s formula: as accurate as two
 * passes over the tensor, at the memory cost of one.
 */
final class StatsAccumulator implements FloatReader.ChunkConsumer {
    private long count;
    private long nonZeros;
    private long nonFinite;
    private long finite;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean;
    private double squaredDeviations;

    @Override
    public void accept(float[] chunk, int length) {
        count += length;
        nonZeros += length - FloatKernels.zeros(chunk, length);
        double sum = FloatKernels.sum(chunk, length);
        // A float chunk cannot overflow a double sum, so a non-finite sum means a non-finite value.
        if (Double.isFinite(sum)) {
            addFinite(chunk, length, sum);
        } else {
            int finiteLength = FloatKernels.keepFinite(chunk, length);
            nonFinite += length - finiteLength;
            if (finiteLength > 0) {
                addFinite(chunk, finiteLength, FloatKernels.sum(chunk, finiteLength));
            }
        }
    }

    private void addFinite(float[] values, int length, double sum) {
        double chunkMean = sum / length;
        FloatKernels.Extremes extremes = FloatKernels.extremes(values, length);
        merge(length, chunkMean, FloatKernels.squaredDeviations(values, length, chunkMean),
                extremes.min(), extremes.max());
    }

    void add(TensorStats part) {
        count += part.count();
        nonZeros += part.nonZeros();
        nonFinite += part.nonFinite();
        long n = part.finiteCount();
        if (n > 0) {
            merge(n, part.mean(), part.std() * part.std() * n, part.min(), part.max());
        }
    }

    private void merge(long n, double partMean, double partDeviations, double lo, double hi) {
        if (finite == 0) {
            // Taken as is: the general formula could round a constant tensor's mean away from its value.
            finite = n;
            mean = partMean;
            squaredDeviations = partDeviations;
            min = lo;
            max = hi;
            return;
        }
        long total = finite + n;
        double delta = partMean - mean;
        mean += delta * ((double) n / total);
        squaredDeviations += partDeviations + delta * delta * ((double) finite * n / total);
        finite = total;
        min = Math.min(min, lo);
        max = Math.max(max, hi);
    }

    TensorStats result() {
        if (finite == 0) {
            return new TensorStats(count, nonZeros, nonFinite, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new TensorStats(count, nonZeros, nonFinite, min, max, mean, Math.sqrt(squaredDeviations / finite));
    }
}
