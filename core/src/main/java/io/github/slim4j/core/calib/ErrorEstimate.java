package io.github.slim4j.core.calib;

import io.github.slim4j.core.quant.IntegerFormat;

/**
 * The quantization error a range would give on the recorded activations, estimated from their
 * histogram read as a piecewise-constant density (the values of a bin spread uniformly over it).
 * For a bin {@code [a, b]} holding {@code c} values, its squared error is
 * {@code c·(E(b) − E(a))/(b − a)} with {@code E} the integral of the squared error of quantizing and
 * dequantizing on the grid ({@link Grid#errorIntegral}): rounding inside the grid, clipping
 * outside it, exactly for that density. Its signal is {@code c·(a² + ab + b²)/3}, the mean of x².
 * A constant (a degenerate histogram) is its own value, exactly.
 *
 * @param clippedFraction share of the values that saturate, those more than half a step beyond the
 *     grid's ends, whose codes would fall outside the code range (0 to 1)
 * @param meanSquaredError mean of {@code (x − deq(q(x)))²} over the values
 * @param sqnrDb signal-to-quantization-noise ratio {@code 10·log10(mean x² / mse)} in dB;
 *     +∞ without error
 */
public record ErrorEstimate(double clippedFraction, double meanSquaredError, double sqnrDb) {

    /** The error of quantizing the observed values on the format's grid for this range. */
    public static ErrorEstimate of(Observation observation, IntegerFormat format, ActivationRange range) {
        return of(observation.histogram(), Grid.of(format, range));
    }

    static ErrorEstimate of(ActivationHistogram histogram, Grid grid) {
        double total = histogram.total();
        if (histogram.degenerate()) {
            double value = histogram.lo();
            boolean clipped = value < grid.low() - grid.step() / 2 || value > grid.high() + grid.step() / 2;
            return new ErrorEstimate(clipped ? 1 : 0, grid.error(value), sqnr(value * value, grid.error(value)));
        }
        double clipLow = grid.low() - grid.step() / 2;
        double clipHigh = grid.high() + grid.step() / 2;
        double clipped = 0;
        double error = 0;
        double signal = 0;
        for (int i = 0; i < histogram.bins(); i++) {
            double c = histogram.count(i);
            if (c == 0) {
                continue;
            }
            double a = histogram.edge(i);
            double b = histogram.edge(i + 1);
            double outside = Math.max(0, Math.min(b, clipLow) - a) + Math.max(0, b - Math.max(a, clipHigh));
            clipped += c * outside / (b - a);
            error += c * (grid.errorIntegral(b) - grid.errorIntegral(a)) / (b - a);
            signal += c * (a * a + a * b + b * b) / 3;
        }
        return new ErrorEstimate(clipped / total, error / total, sqnr(signal / total, error / total));
    }

    private static double sqnr(double signal, double noise) {
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }
}
