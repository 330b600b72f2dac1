package io.github.slim4j.kernel.timing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A time span as IPython's {@code _format_time} writes it (IPython/core/magics/execution.py):
 * under a minute, {@code precision} significant digits in the largest of s, ms, µs and ns that
 * keeps the number at least 1, formatted like Python's {@code %g} (so {@code 1.23 μs},
 * {@code 500 ms}, {@code 1e+03 ms} when rounding reaches a thousand); from a minute on, whole days,
 * hours, minutes and seconds ({@code 2min 5s}).
 */
public final class TimeFormat {

    // U+03BC, Greek small mu, as IPython writes it since 8.25 (before, the micro sign U+00B5).
    private static final String[] UNITS = {"s", "ms", "\u03bcs", "ns"};
    private static final double[] SCALING = {1, 1e3, 1e6, 1e9};
    private static final String[] LONG_UNITS = {"d", "h", "min", "s"};
    private static final double[] LONG_LENGTHS = {60 * 60 * 24, 60 * 60, 60, 1};

    private TimeFormat() {
    }

    public static String of(double seconds, int precision) {
        if (seconds >= 60.0) {
            return longSpan(seconds);
        }
        int order = seconds > 0.0 ? Math.min(-Math.floorDiv((int) Math.floor(Math.log10(seconds)), 3), 3) : 3;
        return percentG(seconds * SCALING[order], precision) + " " + UNITS[order];
    }

    /** With IPython's default precision, 3 significant digits. */
    public static String of(double seconds) {
        return of(seconds, 3);
    }

    private static String longSpan(double seconds) {
        StringBuilder text = new StringBuilder();
        double leftover = seconds;
        for (int i = 0; i < LONG_UNITS.length; i++) {
            long value = (long) (leftover / LONG_LENGTHS[i]);
            if (value > 0) {
                leftover = leftover % LONG_LENGTHS[i];
                text.append(text.length() == 0 ? "" : " ").append(value).append(LONG_UNITS[i]);
            }
            if (leftover < 1) {
                break;
            }
        }
        return text.toString();
    }

    /** Python's {@code "%.*g" % (precision, value)} for a finite value. */
    static String percentG(double value, int precision) {
        int digits = Math.max(precision, 1);
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (rounded.signum() == 0) {
            return "0";
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < digits) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        String sign = exponent < 0 ? "-" : "+";
        return mantissa.toPlainString() + "e" + sign + String.format("%02d", Math.abs(exponent));
    }
}
