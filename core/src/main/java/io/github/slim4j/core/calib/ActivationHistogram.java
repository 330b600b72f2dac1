package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import java.util.Arrays;

/**
 * Counts of activations in equal-width bins over {@code [lo, hi]}, as PyTorch's
 * {@code HistogramObserver} keeps them: {@code histogram}, {@code min_val}, {@code max_val}. Counts
 * are fractional once histograms of different ranges have been combined. A degenerate range
 * ({@code lo == hi}, a constant) holds its count in the middle bin, where {@code torch.histc} puts it.
 *
 * <p>Methods other than PyTorch's own search read it as a piecewise-constant density: the values of
 * a bin spread uniformly over it.
 *
 * @param lo left edge of the first bin, the smallest value observed
 * @param hi right edge of the last bin: the largest value observed, or beyond it after PyTorch's
 *     widening when histograms combine
 * @param counts values per bin; the record keeps its own copy
 */
public record ActivationHistogram(float lo, float hi, double[] counts) {

    public ActivationHistogram {
        if (!(Float.isFinite(lo) && Float.isFinite(hi) && lo <= hi) || counts.length == 0) {
            throw new Slim4jException("a histogram needs finite edges lo <= hi and at least one bin, got [" + lo + ", " + hi + "] and "
                    + counts.length + " bins");
        }
        counts = counts.clone();
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    public int bins() {
        return counts.length;
    }

    /** The values in bin {@code i}, without copying the counts. */
    public double count(int i) {
        return counts[i];
    }

    /** Values counted, over all bins. */
    public double total() {
        return Arrays.stream(counts).sum();
    }

    /** Left edge of bin {@code i}, in double; {@code edge(bins())} is {@code hi}. */
    public double edge(int i) {
        return i == counts.length ? hi : lo + i * (((double) hi - lo) / counts.length);
    }

    boolean degenerate() {
        return lo == hi;
    }

    /**
     * The value below which a fraction {@code q} (0 to 1) of the counts lie, interpolating linearly
     * within the bin that holds it. Empty bins never hold a quantile, so 0 is the left edge of the
     * first non-empty bin and 1 the right edge of the last one.
     */
    double quantile(double q) {
        double target = q * total();
        double below = 0;
        int last = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                if (below + counts[i] >= target) {
                    return edge(i) + (edge(i + 1) - edge(i)) * Math.max(0, target - below) / counts[i];
                }
                last = i;
            }
            below += counts[i];
        }
        return edge(last + 1);
    }

    /**
     * The histogram of |x| over {@code [0, max(|lo|, |hi|)]} with as many bins: each bin's count
     * moves to the mirror image of its part below 0 and stays on its part above, split in
     * proportion to the lengths when it straddles 0, and is spread over the new bins in proportion
     * to their overlap (proportional re-binning of the piecewise-constant density).
     */
    ActivationHistogram magnitudes() {
        double amax = Math.max(-(double) lo, hi);
        double[] folded = new double[counts.length];
        double width = amax / counts.length;
        for (int i = 0; i < counts.length; i++) {
            double a = edge(i);
            double b = edge(i + 1);
            if (counts[i] == 0) {
                continue;
            }
            if (a >= 0) {
                spread(folded, width, a, b, counts[i]);
            } else if (b <= 0) {
                spread(folded, width, -b, -a, counts[i]);
            } else {
                spread(folded, width, 0, -a, counts[i] * -a / (b - a));
                spread(folded, width, 0, b, counts[i] * b / (b - a));
            }
        }
        return new ActivationHistogram(0f, (float) amax, folded);
    }

    private static void spread(double[] into, double width, double from, double to, double mass) {
        int last = into.length - 1;
        int first = Math.min((int) (from / width), last);
        int end = Math.min((int) (to / width), last);
        if (first == end) {
            into[first] += mass;
            return;
        }
        double density = mass / (to - from);
        into[first] += density * ((first + 1) * width - from);
        for (int k = first + 1; k < end; k++) {
            into[k] += density * width;
        }
        into[end] += density * (to - end * width);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActivationHistogram h && Float.compare(lo, h.lo) == 0 && Float.compare(hi, h.hi) == 0
                && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Float.hashCode(lo) + Float.hashCode(hi)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ActivationHistogram[lo=" + lo + ", hi=" + hi + ", " + counts.length + " bins, total=" + total() + "]";
    }
}
