package io.github.slim4j.core.calib;

import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;

/**
 * The values an integer grid stands for, {@code low + k·step} for {@code k = 0 … steps}
 * (codes qmin to qmax, {@code low = (qmin − zp)·scale}), and the squared error of quantizing a
 * value to it: the distance to the nearest grid value inside, to the nearer end outside.
 */
record Grid(double low, double step, int steps) {

    static Grid of(IntegerFormat format, ActivationRange range) {
        QParams qparams = range.qparams(format);
        double scale = qparams.scales()[0];
        return new Grid((format.qmin() - qparams.zeroPoints()[0]) * scale, scale, format.qmax() - format.qmin());
    }

    double high() {
        return low + steps * step;
    }

    /** The squared error of one value. */
    double error(double x) {
        double clamped = Math.min(Math.max(x, low), high());
        double nearest = low + Math.rint((clamped - low) / step) * step;
        return (x - nearest) * (x - nearest);
    }

    /**
     * {@code ∫ from low to x} of the squared error: {@code (x − low)³/3} below the grid (negative),
     * {@code step³·(k/12 + g(u))} inside, where {@code x = low + (k + u)·step} and {@code g(u) = u³/3}
     * up to the half step, {@code (u − 1)³/3 + 1/12} beyond it; above the grid the whole grid's
     * {@code steps·step³/12} plus {@code (x − high)³/3}.
     */
    double errorIntegral(double x) {
        if (x <= low) {
            double below = x - low;
            return below * below * below / 3;
        }
        double high = high();
        double cube = step * step * step;
        if (x >= high) {
            double above = x - high;
            return steps * cube / 12 + above * above * above / 3;
        }
        double t = (x - low) / step;
        double k = Math.floor(t);
        double u = t - k;
        double partial = u <= 0.5 ? u * u * u / 3 : (u - 1) * (u - 1) * (u - 1) / 3 + 1.0 / 12;
        return cube * (k / 12 + partial);
    }
}
