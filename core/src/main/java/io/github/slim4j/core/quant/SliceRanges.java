package io.github.slim4j.core.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each slice's range under a {@link WeightRange}, as extremes that the format turns into its
 * parameters: min-max reads them in one pass; the clipping choices read a copy of each slice.
 */
final class SliceRanges {

    private SliceRanges() {
    }

    /** @throws io.github.slim4j.core.Slim4jException when any value is NaN or infinite */
    static Extremes of(WeightRange range, IntegerFormat format, INDArray values, SliceRuns runs) {
        Extremes extremes = Extremes.of(values, runs);
        if (range instanceof WeightRange.MinMax || values.length() == 0) {
            return extremes;
        }
        float[][] slices = SliceValues.of(values, runs);
        float[] min = extremes.min();
        float[] max = extremes.max();
        for (int s = 0; s < slices.length; s++) {
            if (range instanceof WeightRange.Mse) {
                float alpha = MseClipping.ratio(slices[s], min[s], max[s], format);
                min[s] *= alpha;
                max[s] *= alpha;
            } else {
                double q = ((WeightRange.Percentile) range).percent() / 100;
                if (format.scheme() == Scheme.SYMMETRIC) {
                    float[] magnitudes = slices[s];
                    for (int i = 0; i < magnitudes.length; i++) {
                        magnitudes[i] = Math.abs(magnitudes[i]);
                    }
                    max[s] = OrderStatistics.quantile(magnitudes, q);
                    min[s] = -max[s];
                } else {
                    // Below P = 50 the two percentiles swap places; the range runs between them either way.
                    float low = OrderStatistics.quantile(slices[s], 1 - q);
                    float high = OrderStatistics.quantile(slices[s], q);
                    min[s] = Math.min(low, high);
                    max[s] = Math.max(low, high);
                }
            }
        }
        return new Extremes(min, max);
    }
}
