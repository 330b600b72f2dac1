package io.github.slim4j.core.calib;

import io.github.slim4j.core.tensor.FloatReader;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts values into {@code bins} equal bins over {@code [lo, hi]} exactly as {@code torch.histc}
 * does for float32 input on the CPU (ATen's {@code histogramdd} kernel, linear interpolation
 * without the local search): {@code bin = (long) (((x − lo) × bins) / (hi − lo))} in float32, the
 * value {@code hi} itself in the last bin. That float32 division can put a value next to an edge in
 * the neighbouring bin of the one {@code numpy.histogram} chooses, which is why this is not
 * {@code stats.Histogram}. An empty range widens to {@code [lo − 1, hi + 1]}, as histc does.
 *
 * <p>The callers' ranges hold every value of the batch, so no value is out of range.
 */
final class TorchHistc implements FloatReader.ChunkConsumer {
    private static final int STRIPES = 4;

    private final float lo;
    private final float width;
    private final float bins;
    private final int last;
    /** {@value #STRIPES} interleaved histograms, summed at the end: see {@link #accept}. */
    private final int[] counts;

    private TorchHistc(float lo, float hi, int bins) {
        boolean empty = lo == hi;
        this.lo = empty ? (float) (lo - 1.0) : lo;
        this.width = (empty ? (float) (hi + 1.0) : hi) - this.lo;
        this.bins = bins;
        this.last = bins - 1;
        this.counts = new int[STRIPES * bins];
    }

    /** Adds the counts of the batch's values over {@code [lo, hi]} to {@code into}. */
    static void count(INDArray batch, float lo, float hi, double[] into) {
        // Each part of the batch is counted on its own; integer counts add up exactly in any order.
        for (TorchHistc part : FloatReader.forEachChunkInParts(batch, () -> new TorchHistc(lo, hi, into.length))) {
            for (int stripe = 0; stripe < STRIPES; stripe++) {
                for (int i = 0; i < into.length; i++) {
                    into[i] += part.counts[stripe * into.length + i];
                }
            }
        }
    }

    /** The bin {@code torch.histc} puts {@code value} in. */
    static int bin(float value, float lo, float hi, int bins) {
        TorchHistc histc = new TorchHistc(lo, hi, bins);
        return Math.min((int) (((value - histc.lo) * histc.bins) / histc.width), histc.last);
    }

    /*
     * Positions first, in place as floats: an element-wise loop that vectorizes, where on JDK 17 the
     * conversion to int would keep it scalar. Then the conversion and the scatter into the counts,
     * which cannot vectorize. Consecutive values go to four separate histograms: after a ReLU most
     * values fall in the same bin, and increments of one counter wait on each other, while four
     * counters proceed side by side.
     */
    @Override
    public void accept(float[] chunk, int length) {
        float lo = this.lo;
        float bins = this.bins;
        float width = this.width;
        for (int i = 0; i < length; i++) {
            chunk[i] = ((chunk[i] - lo) * bins) / width;
        }
        int last = this.last;
        int[] counts = this.counts;
        int stride = last + 1;
        int i = 0;
        for (; i + STRIPES <= length; i += STRIPES) {
            counts[Math.min((int) chunk[i], last)]++;
            counts[stride + Math.min((int) chunk[i + 1], last)]++;
            counts[2 * stride + Math.min((int) chunk[i + 2], last)]++;
            counts[3 * stride + Math.min((int) chunk[i + 3], last)]++;
        }
        for (; i < length; i++) {
            counts[Math.min((int) chunk[i], last)]++;
        }
    }
}
