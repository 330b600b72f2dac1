package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.quant.IntegerFormat;
import java.util.List;
import java.util.Locale;

/**
 * How a quantization point's range is chosen from what calibration recorded there
 * ({@link Observation}) for a target integer grid. Every method reads only the observation, so
 * switching method or bit width re-chooses without seeing the data again.
 */
public sealed interface CalibrationMethod permits MinMax, MovingAverage, Percentile, Mse, Entropy, HistogramSearch {

    /** The range to quantize the point's activations to on the format's grid. */
    ActivationRange choose(Observation observation, IntegerFormat format);

    /** The method's text form, which {@link #parse} reads back. */
    String text();

    /** One of each method, with its default parameter where it has one; 99.99 for the percentile. */
    static List<CalibrationMethod> all() {
        return List.of(new MinMax(), new MovingAverage(MovingAverage.DEFAULT_CONSTANT), new Percentile(99.99), new Mse(), new Entropy(),
                new HistogramSearch());
    }

    /**
     * Reads {@code minmax}, {@code ema} or {@code ema:C}, {@code percentile:P}, {@code mse},
     * {@code entropy} or {@code histogram}, in any case.
     *
     * @throws Slim4jException with one line naming the text and what is allowed
     */
    static CalibrationMethod parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        String name = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? null : trimmed.substring(colon + 1);
        switch (name) {
            case "ema":
                return new MovingAverage(argument == null ? MovingAverage.DEFAULT_CONSTANT : number(text, argument));
            case "percentile":
                if (argument == null) {
                    throw new Slim4jException("calibration method '" + text + "' needs its percentile, as in percentile:99.99");
                }
                return new Percentile(number(text, argument));
            default:
                if (argument == null) {
                    CalibrationMethod method = switch (name) {
                        case "minmax" -> new MinMax();
                        case "mse" -> new Mse();
                        case "entropy" -> new Entropy();
                        case "histogram" -> new HistogramSearch();
                        default -> null;
                    };
                    if (method != null) {
                        return method;
                    }
                }
                throw new Slim4jException("calibration method '" + text
                        + "' is not one of minmax, ema, ema:C, percentile:P, mse, entropy, histogram");
        }
    }

    private static double number(String text, String argument) {
        try {
            return Double.parseDouble(argument);
        } catch (NumberFormatException e) {
            throw new Slim4jException("calibration method '" + text + "' needs a number after ':', got '" + argument + "'");
        }
    }
}
