package io.github.slim4j.magics.spi;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rich output: the same content in several MIME types, as Jupyter's {@code display_data}
 * carries it. Text types hold a {@code String}; binary types ({@code image/png}) hold base64.
 */
public record MimeBundle(Map<String, String> data) {

    public static final String TEXT_PLAIN = "text/plain";
    public static final String TEXT_HTML = "text/html";
    public static final String TEXT_MARKDOWN = "text/markdown";
    public static final String IMAGE_PNG = "image/png";
    public static final String IMAGE_SVG = "image/svg+xml";

    public MimeBundle {
        if (!data.containsKey(TEXT_PLAIN)) {
            throw new IllegalArgumentException("a MIME bundle needs a text/plain fallback; it had " + data.keySet());
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static MimeBundle text(String plain) {
        return new MimeBundle(Map.of(TEXT_PLAIN, plain));
    }

    public static MimeBundle html(String html, String plain) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TEXT_HTML, html);
        data.put(TEXT_PLAIN, plain);
        return new MimeBundle(data);
    }

    /** A bundle with an extra representation, leaving this one unchanged. */
    public MimeBundle with(String mimeType, String content) {
        Map<String, String> more = new LinkedHashMap<>(data);
        more.put(mimeType, content);
        return new MimeBundle(more);
    }

    public MimeBundle withPng(byte[] png) {
        return with(IMAGE_PNG, Base64.getEncoder().encodeToString(png));
    }

    public String plain() {
        return data.get(TEXT_PLAIN);
    }
}
