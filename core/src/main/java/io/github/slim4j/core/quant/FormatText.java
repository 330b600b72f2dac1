package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text forms of a {@link WeightFormat}, read case-insensitively. */
final class FormatText {

    static final String FORMS = "int<B> or uint<B> (B 2 to 16) with :symmetric or :affine and :tensor, :channel, :channel<A> or "
            + ":group<G>, and :mse or :p<P> (0 < P ≤ 100) to clip ranges; fixed:Q<m>.<n>; pow2 or pow2:<B>; fp16; bf16; fp8-e4m3; fp8-e5m2; mantissa:<M> or mantissa:<M>:<E>";
    private static final String OPTIONS = "symmetric, affine, tensor, channel, channel<A>, group<G>, mse, p<P>";

    // At most 9 digits, so that every number parses as an int and bad widths reach the formats' own checks.
    private static final Pattern INTEGER = Pattern.compile("(u?)int(\\d{1,9})((?::[^:]*)*)");
    private static final Pattern FIXED = Pattern.compile("fixed:q(\\d{1,9})\\.(\\d{1,9})");
    private static final Pattern POWER_OF_TWO = Pattern.compile("pow2(?::(\\d{1,9}))?");
    private static final Pattern MANTISSA = Pattern.compile("mantissa:(\\d{1,9})(?::(\\d{1,9}))?");
    private static final Pattern CHANNEL = Pattern.compile("channel(\\d{1,9})?");
    private static final Pattern GROUP = Pattern.compile("group(\\d{1,9})");
    private static final Pattern PERCENTILE = Pattern.compile("p([\\d.]*)");
    private static final int DEFAULT_POWER_OF_TWO_BITS = 4;
    private static final int FLOAT32_EXPONENT_BITS = 8;

    private FormatText() {
    }

    static WeightFormat parse(String text) {
        String form = text.strip().toLowerCase(Locale.ROOT);
        for (FloatFormat.Kind kind : FloatFormat.Kind.values()) {
            if (form.equals(kind.text())) {
                return new FloatFormat(kind);
            }
        }
        Matcher match;
        if ((match = INTEGER.matcher(form)).matches()) {
            return integer(text, match.group(1).isEmpty(), Integer.parseInt(match.group(2)), match.group(3));
        }
        if ((match = FIXED.matcher(form)).matches()) {
            return new FixedPointFormat(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)));
        }
        if ((match = POWER_OF_TWO.matcher(form)).matches()) {
            return new PowerOfTwoFormat(match.group(1) == null ? DEFAULT_POWER_OF_TWO_BITS : Integer.parseInt(match.group(1)));
        }
        if ((match = MANTISSA.matcher(form)).matches()) {
            return new MantissaFormat(Integer.parseInt(match.group(1)),
                    match.group(2) == null ? FLOAT32_EXPONENT_BITS : Integer.parseInt(match.group(2)));
        }
        throw new Slim4jException("unknown format '" + text + "'; formats are " + FORMS);
    }

    /** {@code int<B>} with its options, each given at most once. */
    private static IntegerFormat integer(String text, boolean signed, int bits, String options) {
        Scheme scheme = null;
        Granularity granularity = null;
        WeightRange range = null;
        for (String option : options.isEmpty() ? new String[0] : options.substring(1).split(":", -1)) {
            Matcher match;
            if (option.equals("symmetric") || option.equals("affine")) {
                scheme = once(text, "scheme", scheme, option.equals("symmetric") ? Scheme.SYMMETRIC : Scheme.AFFINE);
            } else if (option.equals("tensor")) {
                granularity = once(text, "granularity", granularity, new Granularity.PerTensor());
            } else if ((match = CHANNEL.matcher(option)).matches()) {
                OptionalInt axis = match.group(1) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(match.group(1)));
                granularity = once(text, "granularity", granularity, new Granularity.PerChannel(axis));
            } else if ((match = GROUP.matcher(option)).matches()) {
                granularity = once(text, "granularity", granularity, new Granularity.PerGroup(Integer.parseInt(match.group(1))));
            } else if (option.equals("mse")) {
                range = once(text, "range", range, new WeightRange.Mse());
            } else if ((match = PERCENTILE.matcher(option)).matches()) {
                range = once(text, "range", range, WeightRange.percentile(text, match.group(1)));
            } else {
                throw new Slim4jException("format '" + text + "' has an unknown option '" + option + "'; options are " + OPTIONS);
            }
        }
        return new IntegerFormat(bits, scheme == null ? Scheme.SYMMETRIC : scheme, signed,
                granularity == null ? new Granularity.PerChannel(OptionalInt.empty()) : granularity,
                range == null ? new WeightRange.MinMax() : range);
    }

    private static <T> T once(String text, String what, T before, T option) {
        if (before != null) {
            throw new Slim4jException("format '" + text + "' gives the " + what + " twice; give one of " + OPTIONS);
        }
        return option;
    }
}
