package io.github.slim4j.core.stats;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.tensor.FloatReader;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts of a tensor's values in equal-width bins over {@code [lo, hi]}, with
 * {@code numpy.histogram}'s semantics: every bin is closed on the left and open on the right except
 * the last, which also holds {@code hi}; values outside {@code [lo, hi]} and NaN are not counted.
 * Bin edges are {@code lo + i * (hi - lo) / bins}, computed in double, and a value is checked against
 * its bin's edges as NumPy does, so a value on an edge lands in the bin that edge opens.
 *
 * <p>An empty range ({@code lo == hi}, as for a constant tensor) widens to {@code [lo - 0.5, hi + 0.5]},
 * as NumPy does, so the constant sits in the middle bin.
 *
 * @param lo left edge of the first bin
 * @param hi right edge of the last bin
 * @param counts values per bin; the record keeps its own copy
 */
public record Histogram(double lo, double hi, long[] counts) {

    public Histogram {
        if (counts.length == 0) {
            throw new Slim4jException("a histogram needs at least 1 bin, got 0");
        }
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new Slim4jException("histogram range must be finite with lo < hi, got [" + lo + ", " + hi + "]");
        }
        counts = counts.clone();
    }

    /**
     * Histogram over the range of the finite values, {@code [min, max]}, so that every finite value
     * is counted. A tensor with no finite values gets NumPy's default range {@code [0, 1]} and no counts.
     */
    public static Histogram of(INDArray values, int bins) {
        return of(values, bins, TensorStats.of(values));
    }

    /** As {@link #of(INDArray, int)}, with the values' statistics already at hand (one pass fewer). */
    public static Histogram of(INDArray values, int bins, TensorStats stats) {
        return stats.finiteCount() == 0 ? of(values, bins, 0, 1) : of(values, bins, stats.min(), stats.max());
    }

    /** Histogram over {@code [lo, hi]}; values outside it are not counted (see the class comment). */
    public static Histogram of(INDArray values, int bins, double lo, double hi) {
        if (bins < 1) {
            throw new Slim4jException("bins must be at least 1, got " + bins);
        }
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new Slim4jException("histogram range must be finite with lo <= hi, got [" + lo + ", " + hi + "]");
        }
        boolean empty = lo == hi;
        BinCounter counter = new BinCounter(empty ? lo - 0.5 : lo, empty ? hi + 0.5 : hi, bins);
        FloatReader.forEachChunk(values, counter);
        return new Histogram(counter.lo(), counter.hi(), counter.counts());
    }

    public int bins() {
        return counts.length;
    }

    /** The values in each bin; a copy. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The values in bin {@code i}, without copying the counts. */
    public long count(int i) {
        return counts[i];
    }

    public double binWidth() {
        return (hi - lo) / counts.length;
    }

    /** Left edge of bin {@code i}; {@code binLo(bins())} is {@code hi}. */
    public double binLo(int i) {
        return i == counts.length ? hi : lo + i * binWidth();
    }

    public double binCenter(int i) {
        return lo + (i + 0.5) * binWidth();
    }

    /** Values counted, over all bins. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Histogram h && Double.compare(lo, h.lo) == 0 && Double.compare(hi, h.hi) == 0
                && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(lo) + Double.hashCode(hi)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[lo=" + lo + ", hi=" + hi + ", counts=" + Arrays.toString(counts) + "]";
    }
}
