package io.github.slim4j.magics.grammar;

/** A finite decimal number from {@code min} to {@code max}, both included. */
public record DecimalRange(double min, double max, String metavar) implements ValueType<Double> {

    public DecimalRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
    }

    @Override
    public Double parse(String text, ParseContext context) throws BadValue {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            throw new BadValue();
        }
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new BadValue();
        }
        return value;
    }

    @Override
    public String allowed() {
        return "a number from " + Numbers.plain(min) + " to " + Numbers.plain(max);
    }
}
