package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.Optional;

/**
 * What a {@code display_data} or {@code execute_result} shows: the same content under several
 * mime types, and metadata per mime type. Treated as immutable.
 *
 * @param data     mime type to content: a string for text and base64 images, any JSON for JSON types
 * @param metadata for example {@code {"image/png": {"width": 640}}}
 */
record MimeContent(JsonObject data, JsonObject metadata) {

    /** The content for a mime type, when the bundle has it as a string. */
    Optional<String> text(String mimeType) {
        JsonElement value = data.get(mimeType);
        return value != null && value.isJsonPrimitive() ? Optional.of(value.getAsString()) : Optional.empty();
    }
}
