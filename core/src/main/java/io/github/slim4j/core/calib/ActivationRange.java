package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;

/**
 * The range of activations a calibration method keeps for one quantization point: values outside
 * it saturate at the grid's ends.
 *
 * @param min the smallest value kept
 * @param max the largest value kept
 */
public record ActivationRange(float min, float max) {

    public ActivationRange {
        if (!(Float.isFinite(min) && Float.isFinite(max) && min <= max)) {
            throw new Slim4jException("an activation range needs finite ends with min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** The parameters PyTorch's observers compute for this range on the format's grid. */
    public QParams qparams(IntegerFormat format) {
        return format.qparams(min, max);
    }

    /** The range clipped symmetrically at ±{@code threshold}, kept within the data's own range. */
    static ActivationRange clippedAt(double threshold, float min, float max) {
        float t = (float) threshold;
        return new ActivationRange(Math.min(Math.max(min, -t), max), Math.max(Math.min(max, t), min));
    }
}
