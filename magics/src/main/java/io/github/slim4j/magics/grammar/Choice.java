package io.github.slim4j.magics.grammar;

import java.util.List;

/** One word out of a fixed list, matched exactly (case-sensitive, as typed in help). */
public record Choice(List<String> words) implements ValueType<String> {

    public Choice {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one word");
        }
        words = List.copyOf(words);
    }

    public static Choice of(String... words) {
        return new Choice(List.of(words));
    }

    @Override
    public String parse(String text, ParseContext context) throws BadValue {
        if (!words.contains(text)) {
            throw new BadValue();
        }
        return text;
    }

    @Override
    public String allowed() {
        return "one of " + String.join(", ", words);
    }

    @Override
    public String metavar() {
        return String.join("|", words);
    }
}
