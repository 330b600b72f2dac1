package io.github.slim4j.core.calib;

import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.Scheme;
import java.util.Arrays;

/**
 * TensorRT's entropy calibration (Migacz, "8-bit Inference with TensorRT", GTC 2017): the
 * threshold t whose quantized distribution loses the least information, by KL divergence, on the
 * histogram of |x| ({@link ActivationHistogram#magnitudes()}, 2048 bins of width w over
 * [0, max|x|], folded from the recorded histogram by proportional re-binning).
 *
 * <p>For each {@code i} from L (the grid's levels on [0, t]) to 2048: the reference
 * {@code P = bins[0..i)} with the count of every bin beyond folded into bin i − 1; the candidate Q
 * merges {@code bins[0..i)} into L groups (bin j in group {@code ⌊j·L/i⌋}) and spreads each group's
 * sum evenly over its non-empty bins, empty bins staying empty; both are normalized and
 * {@code KL(P‖Q) = Σ p·ln(p/q)}, infinite where Q is empty and P is not. The smallest divergence
 * wins (the smaller t on ties) and {@code t = i·w}; the range is {@code [−t, t]} within the recorded
 * min and max.
 *
 * <p>The first bin, which holds the exact zeros, counts as its neighbour does, as in NVIDIA's
 * pytorch-quantization ({@code _compute_amax_entropy}: {@code bins[0] = bins[1]}). After a ReLU a
 * fifth or more of the values are zero; that spike would dominate P, and Q, which spreads each
 * group's sum over the group, would match it better the fewer bins group 0 holds, so the search
 * clipped ever tighter (on the CNN fixture it kept a fifth of conv1's range and lost 13 points).
 * Zeros are exact on every grid that has zero, so their count says nothing about the threshold.
 *
 * <p>L is {@code 2^(bits−1)}, 128 for 8 bits, the levels a symmetric grid puts on one side; an
 * affine grid on non-negative activations spends all {@code 2^bits} on [0, t], so there L is
 * {@code 2^bits}. An affine grid on activations of both signs is clipped symmetrically at ±t like
 * a symmetric one. Above 2048 levels (more than 12 bits) no threshold is coarser than the
 * histogram, and the whole range is kept.
 */
public record Entropy() implements CalibrationMethod {

    @Override
    public ActivationRange choose(Observation observation, IntegerFormat format) {
        float min = observation.min();
        float max = observation.max();
        ActivationHistogram histogram = observation.histogram();
        boolean nonNegativeAffine = format.scheme() == Scheme.AFFINE && min >= 0;
        int levels = 1 << (nonNegativeAffine ? format.bits() : format.bits() - 1);
        if (histogram.degenerate() || levels > histogram.bins()) {
            return new ActivationRange(min, max);
        }
        ActivationHistogram magnitudes = histogram.magnitudes();
        return ActivationRange.clippedAt(magnitudes.edge(bestBins(magnitudes, levels)), min, max);
    }

    @Override
    public String text() {
        return "entropy";
    }

    /** The number of bins i whose divergence is least. */
    private static int bestBins(ActivationHistogram histogram, int levels) {
        int bins = histogram.bins();
        double[] counts = histogram.counts().clone();
        counts[0] = counts[1];
        double[] beyond = new double[bins + 1];
        for (int j = bins - 1; j >= 0; j--) {
            beyond[j] = beyond[j + 1] + counts[j];
        }
        double total = beyond[0];
        double[] groupSums = new double[levels];
        int[] nonEmpty = new int[levels];
        int best = bins;
        double least = Double.POSITIVE_INFINITY;
        for (int i = levels; i <= bins; i++) {
            double divergence = divergence(counts, i, levels, beyond[i], total, groupSums, nonEmpty);
            if (divergence < least) {
                least = divergence;
                best = i;
            }
        }
        return best;
    }

    private static double divergence(double[] counts, int i, int levels, double outliers, double total, double[] groupSums, int[] nonEmpty) {
        if (outliers > 0 && counts[i - 1] == 0) {
            return Double.POSITIVE_INFINITY;
        }
        Arrays.fill(groupSums, 0);
        Arrays.fill(nonEmpty, 0);
        for (int j = 0; j < i; j++) {
            if (counts[j] != 0) {
                int group = (int) ((long) j * levels / i);
                groupSums[group] += counts[j];
                nonEmpty[group]++;
            }
        }
        double candidateTotal = total - outliers;
        double divergence = 0;
        for (int j = 0; j < i; j++) {
            if (counts[j] != 0) {
                int group = (int) ((long) j * levels / i);
                double p = (j == i - 1 ? counts[j] + outliers : counts[j]) / total;
                double q = groupSums[group] / nonEmpty[group] / candidateTotal;
                divergence += p * Math.log(p / q);
            }
        }
        return divergence;
    }
}
