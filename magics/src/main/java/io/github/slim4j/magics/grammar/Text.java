package io.github.slim4j.magics.grammar;

/** Any non-empty text, such as a layer name or a regular expression. */
public record Text(String metavar, String allowed) implements ValueType<String> {

    @Override
    public String parse(String text, ParseContext context) throws BadValue {
        if (text.isEmpty()) {
            throw new BadValue();
        }
        return text;
    }
}
