package io.github.slim4j.core.calib;

import io.github.slim4j.core.quant.IntegerFormat;

/**
 * PyTorch 1.13's {@code HistogramObserver}: its L2 search ({@code _non_linear_param_search}) over
 * the recorded histogram for {@code 2^bits} destination bins, bit for bit ({@link L2RangeSearch}).
 * It trims bins from whichever end holds fewer values per 10^-5 quantile step until the estimated
 * L2 error stops falling. As in PyTorch the destination bins are {@code 2^bits} whatever the
 * scheme and signedness.
 */
public record HistogramSearch() implements CalibrationMethod {

    @Override
    public ActivationRange choose(Observation observation, IntegerFormat format) {
        ActivationHistogram histogram = observation.histogram();
        if (histogram.degenerate()) {
            return new ActivationRange(observation.min(), observation.max());
        }
        return L2RangeSearch.search(histogram, 1 << format.bits());
    }

    @Override
    public String text() {
        return "histogram";
    }
}
