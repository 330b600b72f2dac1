package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.quant.IntegerFormat;

/**
 * PyTorch's {@code MovingAverageMinMaxObserver}: the first batch sets the range, each later batch t
 * moves it toward its own extremes, {@code min ← min + c·(min(x_t) − min)} and likewise the max,
 * in float32 with {@code c} rounded to float32, as the observer's tensors compute it. Batch
 * extremes are recorded in order, so any constant can be chosen after the pass.
 *
 * @param averagingConstant c, in (0, 1]; PyTorch's default is 0.01, and 1 keeps the last batch's range
 */
public record MovingAverage(double averagingConstant) implements CalibrationMethod {
    static final double DEFAULT_CONSTANT = 0.01;

    public MovingAverage {
        if (!(averagingConstant > 0 && averagingConstant <= 1)) {
            throw new Slim4jException("averaging constant must be in (0, 1], got " + averagingConstant);
        }
    }

    @Override
    public ActivationRange choose(Observation observation, IntegerFormat format) {
        float c = (float) averagingConstant;
        float min = observation.batchMin(0);
        float max = observation.batchMax(0);
        for (int t = 1; t < observation.batches(); t++) {
            min = min + c * (observation.batchMin(t) - min);
            max = max + c * (observation.batchMax(t) - max);
        }
        return new ActivationRange(min, max);
    }

    @Override
    public String text() {
        return averagingConstant == DEFAULT_CONSTANT ? "ema" : "ema:" + averagingConstant;
    }
}
