package io.github.slim4j.magics.grammar;

import java.math.BigDecimal;

/** Numbers as a person would write them in a message: 0.5, 1, 0.0000001, never 1E-7. */
final class Numbers {

    private Numbers() {
    }

    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
