package io.github.slim4j.kernel.notebook;

/** The two things the report does to put content into HTML. */
final class Html {

    private Html() {
    }

    /** Text as HTML shows it literally; quotes too, so the result is safe inside attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append((char) c);
            }
        });
        return escaped.toString();
    }

    /** Binary content as a URI, so the report embeds its images and needs no files beside it. */
    static String dataUri(String mimeType, String base64) {
        // Some writers wrap base64 at 76 columns; a data URI must not contain the line breaks.
        return "data:" + mimeType + ";base64," + base64.replaceAll("\\s", "");
    }
}
