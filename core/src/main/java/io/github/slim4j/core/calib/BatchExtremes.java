package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.tensor.FloatReader;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A batch's smallest and largest value, {@code torch.aminmax}, refusing NaN and infinities. */
record BatchExtremes(float min, float max) {

    /** @throws Slim4jException when any value is NaN or infinite, saying how many of how many */
    static BatchExtremes of(INDArray batch) {
        float[] extremes = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        FloatReader.forEachChunk(batch, (chunk, length) -> {
            // NaN spreads through Math.min and Math.max, so it shows in the result.
            float lo = extremes[0];
            float hi = extremes[1];
            for (int i = 0; i < length; i++) {
                lo = Math.min(lo, chunk[i]);
                hi = Math.max(hi, chunk[i]);
            }
            extremes[0] = lo;
            extremes[1] = hi;
        });
        if (!(Float.isFinite(extremes[0]) && Float.isFinite(extremes[1]))) {
            throw new Slim4jException("the batch holds " + nonFinite(batch) + " NaN or infinite values of " + batch.length()
                    + "; calibration needs finite activations");
        }
        return new BatchExtremes(extremes[0], extremes[1]);
    }

    private static long nonFinite(INDArray batch) {
        long[] count = {0};
        FloatReader.forEachChunk(batch, (chunk, length) -> {
            for (int i = 0; i < length; i++) {
                if (!Float.isFinite(chunk[i])) {
                    count[0]++;
                }
            }
        });
        return count[0];
    }
}
