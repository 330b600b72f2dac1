package io.github.slim4j.core.calib;

/**
 * PyTorch 1.13's {@code HistogramObserver._non_linear_param_search}, an approximate L2 search
 * (after Caffe2's {@code NormMinimization::NonlinearQuantizationParamsSearch}), in its own float32
 * arithmetic step by step, so that its range is PyTorch's bit for bit.
 *
 * <p>With the cumulative counts {@code cSum} (float32, accumulated in double as ATen's cumsum does)
 * and their total: starting from all bins, {@code α = 0, β = 1}, repeatedly take the next quantile
 * bounds {@code α + 10^-5} and {@code β − 10^-5}, find the bins {@code l} (first with
 * {@code cSum ≥ α·total}) and {@code r} (last with {@code cSum ≤ β·total}), and move whichever end
 * would move further, the start bin on a tie going to the end; stop when the quantization error of
 * the new bins exceeds the best so far. The error of bins {@code [s, e]} quantized to
 * {@code dst = 2^bits} levels of width {@code d = w·(e − s + 1)/dst} treats each source bin as a
 * uniform density {@code h_i / w} and integrates {@code x²} over its distance to the centres of the
 * destination bins its begin and end fall in ({@code _compute_quantization_error}, {@code _get_norm}:
 * {@code density · (end³ − begin³)/3}). The range is {@code [min + w·s, min + w·(e + 1)]}.
 *
 * <p>Python doubles stay doubles and tensors float32, with the Python scalars they meet rounded to
 * float32 first, as ATen does. The one liberty: {@code norm.sum()} is summed in double and rounded
 * to float32, where ATen sums float32 pairwise; the two differ by an ulp at most, too little to
 * change a comparison on any histogram we have seen.
 */
final class L2RangeSearch {
    private static final double STEP = 1e-5;

    private final float lo;
    private final float hi;
    private final float[] histogram;
    private final int dstBins;

    private L2RangeSearch(ActivationHistogram histogram, int dstBins) {
        this.lo = histogram.lo();
        this.hi = histogram.hi();
        double[] counts = histogram.counts();
        this.histogram = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            this.histogram[i] = (float) counts[i];
        }
        this.dstBins = dstBins;
    }

    /** The range PyTorch's search finds in the histogram for a grid of {@code dstBins} levels. */
    static ActivationRange search(ActivationHistogram histogram, int dstBins) {
        return new L2RangeSearch(histogram, dstBins).search();
    }

    private ActivationRange search() {
        int bins = histogram.length;
        float binWidth = (hi - lo) / bins;
        float[] cSum = new float[bins];
        double running = 0;
        for (int i = 0; i < bins; i++) {
            running += histogram[i];
            cSum[i] = (float) running;
        }
        double total = (float) running;

        double alpha = 0.0;
        double beta = 1.0;
        int startBin = 0;
        int endBin = bins - 1;
        double normMin = Double.POSITIVE_INFINITY;
        while (alpha < beta) {
            double nextAlpha = alpha + STEP;
            double nextBeta = beta - STEP;
            float alphaCount = (float) (nextAlpha * total);
            float betaCount = (float) (nextBeta * total);
            int l = startBin;
            int r = endBin;
            while (l < endBin && cSum[l] < alphaCount) {
                l++;
            }
            while (r > startBin && cSum[r] > betaCount) {
                r--;
            }
            int nextStartBin = startBin;
            int nextEndBin = endBin;
            if (l - startBin > endBin - r) {
                nextStartBin = l;
                alpha = nextAlpha;
            } else {
                nextEndBin = r;
                beta = nextBeta;
            }
            if (nextStartBin == startBin && nextEndBin == endBin) {
                continue;
            }
            double norm = quantizationError(nextStartBin, nextEndBin);
            if (norm > normMin) {
                break;
            }
            normMin = norm;
            startBin = nextStartBin;
            endBin = nextEndBin;
        }
        return new ActivationRange(lo + binWidth * startBin, lo + binWidth * (endBin + 1));
    }

    /** {@code _compute_quantization_error(next_start_bin, next_end_bin)}. */
    private double quantizationError(int startBin, int endBin) {
        int bins = histogram.length;
        double binWidth = ((double) hi - (double) lo) / bins;
        double dstBinWidth = binWidth * (endBin - startBin + 1) / dstBins;
        if (dstBinWidth == 0.0) {
            return 0.0;
        }
        float width = (float) binWidth;
        float dstWidth = (float) dstBinWidth;
        float half = (float) (dstBinWidth / 2);
        float negativeHalf = (float) (-dstBinWidth / 2);
        float lastDst = dstBins - 1;
        float wholeBinNorm = (half * half * half - negativeHalf * negativeHalf * negativeHalf) / 3;
        float negativeHalfCube = negativeHalf * negativeHalf * negativeHalf;
        float halfCube = half * half * half;
        double sum = 0;
        for (int i = 0; i < bins; i++) {
            float srcBegin = (float) (i - startBin) * width;
            float srcEnd = srcBegin + width;
            float dstOfBegin = Math.min(Math.max(floorDivide(srcBegin, dstWidth), 0f), lastDst);
            float dstOfBeginCenter = (dstOfBegin + 0.5f) * dstWidth;
            float dstOfEnd = Math.min(Math.max(floorDivide(srcEnd, dstWidth), 0f), lastDst);
            float density = histogram[i] / width;

            float deltaBegin = srcBegin - dstOfBeginCenter;
            float norm = density * ((halfCube - deltaBegin * deltaBegin * deltaBegin) / 3);
            norm += (dstOfEnd - dstOfBegin - 1) * (density * wholeBinNorm);
            float dstOfEndCenter = dstOfEnd * dstWidth + half;
            float deltaEnd = srcEnd - dstOfEndCenter;
            norm += density * ((deltaEnd * deltaEnd * deltaEnd - negativeHalfCube) / 3);
            sum += norm;
        }
        return (float) sum;
    }

    /** {@code torch.div(a, b, rounding_mode='floor')} for float32: Python's floor division. */
    static float floorDivide(float a, float b) {
        float mod = a % b;
        float div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        if (div == 0) {
            return Math.copySign(0f, a / b);
        }
        float floor = (float) Math.floor(div);
        return div - floor > 0.5f ? floor + 1 : floor;
    }
}
