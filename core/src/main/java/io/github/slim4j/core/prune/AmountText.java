package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;

import java.util.regex.Pattern;

/** The text forms of an {@link Amount}. */
final class AmountText {

    private static final Pattern COUNT = Pattern.compile("[0-9]+");
    static final String ALLOWED = "a fraction from 0 to 1 (0.9 or 90%) or a whole number of weights (1000)";

    private AmountText() {
    }

    static Amount parse(String text) {
        String trimmed = text.strip();
        try {
            if (COUNT.matcher(trimmed).matches()) {
                return new Amount.Count(Long.parseLong(trimmed));
            }
            if (trimmed.endsWith("%")) {
                return new Amount.Fraction(Double.parseDouble(trimmed.substring(0, trimmed.length() - 1)) / 100);
            }
            return new Amount.Fraction(Double.parseDouble(trimmed));
        } catch (NumberFormatException | Slim4jException notAnAmount) {
            throw new Slim4jException("'" + text + "' is not an amount; expected " + ALLOWED);
        }
    }
}
