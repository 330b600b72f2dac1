package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.tensor.FloatReader;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A batch's smallest and largest value, {@code torch.aminmax}, refusing NaN and infinities. */
record BatchExtremes(float min, float max) {

    /** @throws Slim4jException when any value is NaN or infinite, saying how many of how many */
    static BatchExtremes of(INDArray batch) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        boolean finite = true;
        for (Scan part : FloatReader.forEachChunkInParts(batch, Scan::new)) {
            min = Math.min(min, part.min);
            max = Math.max(max, part.max);
            finite &= part.finite == 0f;
        }
        if (!(finite && Float.isFinite(min) && Float.isFinite(max))) {
            throw new Slim4jException("the batch holds " + nonFinite(batch) + " NaN or infinite values of " + batch.length()
                    + "; calibration needs finite activations");
        }
        return new BatchExtremes(min, max);
    }

    /*
     * Four minima and maxima side by side, by comparison: on JDK 17 neither Math.min on floats nor
     * a single running extreme vectorizes, and comparisons that keep four independent chains ran
     * 1.1–1.3× faster in a harness on 4M floats. Comparisons skip NaN, so a sum of x·0, which is 0 for every
     * finite x and NaN otherwise, catches NaN and infinities in the same pass.
     */
    private static final class Scan implements FloatReader.ChunkConsumer {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float finite;

        @Override
        public void accept(float[] chunk, int length) {
            float lo0 = min;
            float lo1 = min;
            float lo2 = min;
            float lo3 = min;
            float hi0 = max;
            float hi1 = max;
            float hi2 = max;
            float hi3 = max;
            float zero = finite;
            int i = 0;
            for (; i + 4 <= length; i += 4) {
                float a = chunk[i];
                float b = chunk[i + 1];
                float c = chunk[i + 2];
                float d = chunk[i + 3];
                lo0 = a < lo0 ? a : lo0;
                hi0 = a > hi0 ? a : hi0;
                lo1 = b < lo1 ? b : lo1;
                hi1 = b > hi1 ? b : hi1;
                lo2 = c < lo2 ? c : lo2;
                hi2 = c > hi2 ? c : hi2;
                lo3 = d < lo3 ? d : lo3;
                hi3 = d > hi3 ? d : hi3;
                zero += a * 0f + b * 0f + c * 0f + d * 0f;
            }
            for (; i < length; i++) {
                float a = chunk[i];
                lo0 = a < lo0 ? a : lo0;
                hi0 = a > hi0 ? a : hi0;
                zero += a * 0f;
            }
            min = Math.min(Math.min(lo0, lo1), Math.min(lo2, lo3));
            max = Math.max(Math.max(hi0, hi1), Math.max(hi2, hi3));
            finite = zero;
        }
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
