package io.github.slim4j.core.calib;

import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.Scheme;
import java.util.function.DoubleUnaryOperator;

/**
 * Chooses the clipping range that minimizes the expected squared quantization error on the target
 * grid, {@code E[(x − deq(q(x)))²]}, clipping and rounding together, estimated over the histogram
 * bins as {@link ErrorEstimate} does (each bin a uniform density; each candidate range quantized
 * with PyTorch's parameters for it).
 *
 * <p>The search: symmetric grids clip at {@code ±f·amax} ({@code amax = max(|min|, |max|)}), affine
 * grids at {@code [f_lo·min, f_hi·max]}; each fraction f is searched over {@code k/128} for
 * {@code k = 1 … 128}, then refined in steps of {@code 1/(128·64)} around the best, the larger f
 * winning ties. Affine grids alternate between the two ends, up to four rounds, until neither
 * moves. The error is not convex in f, hence a grid rather than a descent.
 */
public record Mse() implements CalibrationMethod {
    private static final int COARSE = 128;
    private static final int FINE = 64;
    private static final int ROUNDS = 4;

    @Override
    public ActivationRange choose(Observation observation, IntegerFormat format) {
        ActivationHistogram histogram = observation.histogram();
        float min = observation.min();
        float max = observation.max();
        if (histogram.degenerate()) {
            return new ActivationRange(min, max);
        }
        if (format.scheme() == Scheme.SYMMETRIC) {
            double amax = Math.max(-(double) min, max);
            double f = bestFraction(fraction -> error(histogram, format, ActivationRange.clippedAt(fraction * amax, min, max)));
            return ActivationRange.clippedAt(f * amax, min, max);
        }
        float lo = min;
        float hi = max;
        for (int round = 0; round < ROUNDS; round++) {
            float fixedLo = lo;
            float newHi = max <= 0 ? max : (float) (max * bestFraction(f -> error(histogram, format, affine(fixedLo, (float) (f * max)))));
            float newLo = min >= 0 ? min : (float) (min * bestFraction(f -> error(histogram, format, affine((float) (f * min), newHi))));
            if (newLo == lo && newHi == hi) {
                break;
            }
            lo = newLo;
            hi = newHi;
        }
        return affine(lo, hi);
    }

    @Override
    public String text() {
        return "mse";
    }

    private static ActivationRange affine(float lo, float hi) {
        return new ActivationRange(Math.min(lo, hi), hi);
    }

    private static double error(ActivationHistogram histogram, IntegerFormat format, ActivationRange range) {
        return ErrorEstimate.of(histogram, Grid.of(format, range)).meanSquaredError();
    }

    /** The fraction in (0, 1] with the least error, on the coarse grid and then the fine one around its best. */
    private static double bestFraction(DoubleUnaryOperator errorAt) {
        double best = 1;
        double least = errorAt.applyAsDouble(1);
        for (int k = COARSE - 1; k >= 1; k--) {
            double f = (double) k / COARSE;
            double error = errorAt.applyAsDouble(f);
            if (error < least) {
                least = error;
                best = f;
            }
        }
        double centre = best;
        for (int j = FINE - 1; j >= -FINE + 1; j--) {
            double f = centre + (double) j / (COARSE * FINE);
            if (j == 0 || f <= 0 || f > 1) {
                continue;
            }
            double error = errorAt.applyAsDouble(f);
            if (error < least) {
                least = error;
                best = f;
            }
        }
        return best;
    }
}
