package io.github.slim4j.magics.grammar;

/** A whole number from {@code min} to {@code max}, both included. */
public record IntegerRange(long min, long max, String metavar) implements ValueType<Long> {

    public IntegerRange {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
    }

    @Override
    public Long parse(String text, ParseContext context) throws BadValue {
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException notAnInteger) {
            throw new BadValue();
        }
        if (value < min || value > max) {
            throw new BadValue();
        }
        return value;
    }

    @Override
    public String allowed() {
        if (max == Long.MAX_VALUE) {
            return "an integer of at least " + min;
        }
        return "an integer from " + min + " to " + max;
    }
}
