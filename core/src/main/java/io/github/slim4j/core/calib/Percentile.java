package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.Scheme;

/**
 * Clips at percentiles of the recorded values: for a symmetric grid at {@code ±t} with t the p-th
 * percentile of |x|; for an affine grid at the (100 − p)-th and the p-th percentiles of x. The
 * percentiles come from the histogram, not from sorted values (the pass keeps no values),
 * interpolating linearly within the bin that holds them, on the |x| histogram folded from it for
 * the symmetric case ({@link ActivationHistogram#magnitudes()}); they are kept within the recorded
 * min and max. p = 100 keeps the whole range.
 *
 * @param percentile p, in (0, 100]
 */
public record Percentile(double percentile) implements CalibrationMethod {

    public Percentile {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new Slim4jException("percentile must be in (0, 100], got " + percentile);
        }
    }

    @Override
    public ActivationRange choose(Observation observation, IntegerFormat format) {
        ActivationHistogram histogram = observation.histogram();
        float min = observation.min();
        float max = observation.max();
        if (histogram.degenerate()) {
            return new ActivationRange(min, max);
        }
        double q = percentile / 100;
        if (format.scheme() == Scheme.SYMMETRIC) {
            return ActivationRange.clippedAt(histogram.magnitudes().quantile(q), min, max);
        }
        float lo = (float) Math.min(Math.max(histogram.quantile(1 - q), min), max);
        float hi = (float) Math.min(Math.max(histogram.quantile(q), lo), max);
        return new ActivationRange(lo, hi);
    }

    @Override
    public String text() {
        return "percentile:" + percentile;
    }
}
