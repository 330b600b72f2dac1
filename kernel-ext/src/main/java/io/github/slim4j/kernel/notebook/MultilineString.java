package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/**
 * nbformat's multi-line strings, which a file holds either as one JSON string or as an array of
 * lines. Jupyter writes the array so notebooks diff line by line; readers must accept both.
 */
final class MultilineString {

    private MultilineString() {
    }

    /** The text of a multi-line string in either form; an absent or null value is empty text. */
    static String read(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (!value.isJsonArray()) {
            return value.getAsString();
        }
        StringBuilder text = new StringBuilder();
        value.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
        return text.toString();
    }

    /**
     * The lines of a text, each keeping its line break. Cut where Python's
     * {@code str.splitlines(keepends=True)} cuts, as nbformat does, so a notebook we write is
     * byte for byte what Jupyter would write.
     */
    static JsonArray lines(String text) {
        JsonArray lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isLineBreak(text.charAt(i))) {
                boolean crlf = text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
                int end = crlf ? i + 2 : i + 1;
                lines.add(text.substring(start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isLineBreak(char c) {
        return switch (c) {
            case '\n', '\r', '\u000B', '\u000C', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029' -> true;
            default -> false;
        };
    }
}
