package io.github.slim4j.core.calib;

import io.github.slim4j.core.quant.IntegerFormat;

/**
 * PyTorch's {@code MinMaxObserver}: the range is the smallest and largest value of all batches,
 * {@code [min_t min(x_t), max_t max(x_t)]}. Nothing is clipped; one outlier widens every step.
 */
public record MinMax() implements CalibrationMethod {

    @Override
    public ActivationRange choose(Observation observation, IntegerFormat format) {
        return new ActivationRange(observation.min(), observation.max());
    }

    @Override
    public String text() {
        return "minmax";
    }
}
