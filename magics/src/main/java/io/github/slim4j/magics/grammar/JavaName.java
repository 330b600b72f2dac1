package io.github.slim4j.magics.grammar;

import javax.lang.model.SourceVersion;

/** A name for a new notebook variable: a Java identifier that is not a keyword. */
public record JavaName(String metavar) implements ValueType<String> {

    @Override
    public String parse(String text, ParseContext context) throws BadValue {
        if (!SourceVersion.isName(text) || text.contains(".")) {
            throw new BadValue();
        }
        return text;
    }

    @Override
    public String allowed() {
        return "a Java variable name (letters, digits, _ and $, not starting with a digit, not a keyword)";
    }
}
