package io.github.slim4j.magics.prune;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.magics.grammar.Converted;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The kinds of value the pruning magics read, declared once for all of them. */
public final class PruneValues {

    private PruneValues() {
    }

    public static final Converted<Amount> AMOUNT = new Converted<>("S",
            "a fraction from 0 to 1 (0.9 or 90%) or a whole number of weights (1000)", Amount::parse);

    public static final Converted<Criterion.NofM> N_OF_M = new Converted<>("N:M",
            "two whole numbers N:M with 1 <= N < M, such as 2:4", Criterion.NofM::parse, pattern -> pattern.n() + ":" + pattern.m());

    public static final Converted<Pattern> LAYER_PATTERN = new Converted<>("REGEX",
            "a Java regular expression matched against whole layer names, such as 'conv.*' or '0|1'", PruneValues::pattern);

    public static final Converted<Double> SHARE = new Converted<>("F",
            "a fraction from 0 to 1 (0.9) or a percentage (90%)", PruneValues::share);

    public static final Converted<List<Double>> LEVELS = new Converted<>("FROM:TO:STEP",
            "sparsities FROM:TO:STEP, each from 0 to 1, such as 0:0.9:0.1 (TO included)", PruneValues::levels);

    private static Pattern pattern(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException invalid) {
            throw new Slim4jException("not a regular expression: " + invalid.getDescription());
        }
    }

    private static double share(String text) {
        String trimmed = text.strip();
        try {
            double value = trimmed.endsWith("%")
                    ? Double.parseDouble(trimmed.substring(0, trimmed.length() - 1)) / 100
                    : Double.parseDouble(trimmed);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new Slim4jException("not a fraction from 0 to 1: " + text);
    }

    /**
     * {@code 0:0.9:0.1} is 0, 0.1, ..., 0.9, counted in decimal so that 0.3 is 0.3 and TO is
     * reached, not missed by a rounding error.
     */
    private static List<Double> levels(String text) {
        String[] parts = text.strip().split(":");
        if (parts.length != 3) {
            throw new Slim4jException("not FROM:TO:STEP: " + text);
        }
        try {
            BigDecimal from = new BigDecimal(parts[0]);
            BigDecimal to = new BigDecimal(parts[1]);
            BigDecimal step = new BigDecimal(parts[2]);
            if (from.signum() < 0 || to.compareTo(BigDecimal.ONE) > 0 || from.compareTo(to) > 0 || step.signum() <= 0) {
                throw new Slim4jException("levels out of order or range: " + text);
            }
            List<Double> levels = new ArrayList<>();
            for (BigDecimal level = from; level.compareTo(to) <= 0; level = level.add(step)) {
                levels.add(level.doubleValue());
            }
            return levels;
        } catch (NumberFormatException notNumbers) {
            throw new Slim4jException("not FROM:TO:STEP numbers: " + text);
        }
    }
}
