package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import java.util.Arrays;

/**
 * What one pass over the calibration data recorded at one quantization point: everything every
 * {@link CalibrationMethod} needs, so choosing again with another method or grid needs no data.
 * Arrays are copied in and out, so a record never changes.
 *
 * @param count values recorded, at least 1
 * @param min the smallest value recorded
 * @param max the largest value recorded
 * @param batchMins each batch's smallest value, in the order recorded
 * @param batchMaxs each batch's largest value, in the order recorded
 * @param histogram the values' histogram as PyTorch's {@code HistogramObserver} keeps it
 */
public record Observation(long count, float min, float max, float[] batchMins, float[] batchMaxs, ActivationHistogram histogram) {

    public Observation {
        if (count < 1 || batchMins.length == 0) {
            throw new Slim4jException("no values recorded at this point; calibration needs at least one non-empty batch");
        }
        if (batchMins.length != batchMaxs.length) {
            throw new Slim4jException(batchMins.length + " batch minima and " + batchMaxs.length + " batch maxima; each batch has one of each");
        }
        batchMins = batchMins.clone();
        batchMaxs = batchMaxs.clone();
    }

    @Override
    public float[] batchMins() {
        return batchMins.clone();
    }

    @Override
    public float[] batchMaxs() {
        return batchMaxs.clone();
    }

    /** Batches recorded. */
    public int batches() {
        return batchMins.length;
    }

    /** The smallest value of batch {@code i}, without copying. */
    public float batchMin(int i) {
        return batchMins[i];
    }

    /** The largest value of batch {@code i}, without copying. */
    public float batchMax(int i) {
        return batchMaxs[i];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Observation o && count == o.count && Float.compare(min, o.min) == 0 && Float.compare(max, o.max) == 0
                && Arrays.equals(batchMins, o.batchMins) && Arrays.equals(batchMaxs, o.batchMaxs) && histogram.equals(o.histogram);
    }

    @Override
    public int hashCode() {
        return ((Long.hashCode(count) * 31 + Arrays.hashCode(batchMins)) * 31 + Arrays.hashCode(batchMaxs)) * 31 + histogram.hashCode();
    }

    @Override
    public String toString() {
        return "Observation[" + count + " values in " + batchMins.length + " batches, min=" + min + ", max=" + max + ", " + histogram + "]";
    }
}
