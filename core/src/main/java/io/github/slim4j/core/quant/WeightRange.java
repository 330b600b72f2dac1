package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How an integer format chooses each slice's range (tensor, channel or group) from the weights it
 * quantizes. {@link MinMax} is PyTorch's min-max observers, bit for bit; {@link Mse} and
 * {@link Percentile} clip outliers so that the grid's steps fit the bulk of the values.
 */
public sealed interface WeightRange permits WeightRange.MinMax, WeightRange.Mse, WeightRange.Percentile {

    /** The forms {@link #parse} reads. */
    String FORMS = "minmax, mse or percentile:P with 0 < P ≤ 100";

    /** The option a format's name carries ({@code mse}, {@code p99.9}); empty for min-max, the default, which has none. */
    String option();

    /** The form {@link #parse} reads back: {@code minmax}, {@code mse}, {@code percentile:99.9}. */
    String text();

    /** Each slice's smallest and largest value. */
    record MinMax() implements WeightRange {
        @Override
        public String option() {
            return "";
        }

        @Override
        public String text() {
            return "minmax";
        }
    }

    /**
     * Per slice, the clipped range with the least squared error of quantize-dequantize over that
     * slice's values; see {@link MseClipping} for the search.
     */
    record Mse() implements WeightRange {
        @Override
        public String option() {
            return "mse";
        }

        @Override
        public String text() {
            return "mse";
        }
    }

    /**
     * Per slice, the P-th percentile of |w| for symmetric grids, the (100 − P)-th and P-th
     * percentiles of w for affine ones, interpolated linearly between order statistics as
     * {@code torch.quantile}; P = 100 is min-max.
     *
     * @param percent P, in (0, 100]
     */
    record Percentile(double percent) implements WeightRange {

        public Percentile {
            if (!(percent > 0 && percent <= 100)) {
                throw new Slim4jException("a range percentile is more than 0 and at most 100, got " + plain(percent));
            }
        }

        @Override
        public String option() {
            return "p" + plain(percent);
        }

        @Override
        public String text() {
            return "percentile:" + plain(percent);
        }

        /** 99.9, 100: the number as typed, without a trailing {@code .0}. */
        private static String plain(double percent) {
            return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString();
        }
    }

    /**
     * Reads {@code minmax}, {@code mse} or {@code percentile:P}, in any case.
     *
     * @throws Slim4jException naming the text and the forms allowed
     */
    static WeightRange parse(String text) {
        String form = text.strip().toLowerCase(Locale.ROOT);
        if (form.equals("minmax")) {
            return new MinMax();
        }
        if (form.equals("mse")) {
            return new Mse();
        }
        if (form.startsWith("percentile:")) {
            return percentile(text, form.substring("percentile:".length()));
        }
        throw new Slim4jException("unknown weight range '" + text + "'; ranges are " + FORMS);
    }

    /** The percentile in {@code number}, part of {@code text}. */
    static Percentile percentile(String text, String number) {
        if (!number.matches("\\d{1,3}(\\.\\d{1,9})?")) {
            throw new Slim4jException("weight range '" + text + "' needs a percentile P with 0 < P ≤ 100, got '" + number + "'");
        }
        return new Percentile(Double.parseDouble(number));
    }
}
