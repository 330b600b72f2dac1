package io.github.slim4j.kernel.notebook;

/** Binary content as a URI, so the report embeds its images and needs no files beside it. */
final class DataUri {

    private DataUri() {
    }

    static String of(String mimeType, String base64) {
        // Some writers wrap base64 at 76 columns; a data URI must not contain the line breaks.
        return "data:" + mimeType + ";base64," + base64.replaceAll("\\s", "");
    }
}
