package io.github.slim4j.magics.grammar;

import io.github.slim4j.magics.MagicException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic's argument text into words, the way a POSIX shell does for the cases users type:
 * whitespace separates words, single or double quotes keep spaces (and each other) inside one word,
 * and a backslash outside single quotes takes the next character literally.
 *
 * <p>So {@code --layers "conv.*=int8, fc1=int4"} is two words, and {@code --exclude 'fc\d+'} keeps
 * its backslash.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < text.length() && (quote == 0 || isEscapableInDoubleQuotes(text.charAt(i + 1)))) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new MagicException("unclosed " + (quote == '"' ? "double" : "single") + " quote in: " + text.strip());
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Inside double quotes a backslash only escapes what a shell lets it escape. */
    private static boolean isEscapableInDoubleQuotes(char next) {
        return next == '"' || next == '\\' || next == '$' || next == '`';
    }
}
