package io.github.slim4j.kernel.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a {@link Notebook} as Jupyter does: keys sorted, one-space indent, text split into lines,
 * a final newline. A notebook saved by Jupyter and then run here therefore changes only where its
 * outputs changed.
 */
final class NotebookWriter {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /** Besides {@code text/*}, the mime types nbformat writes as lines. */
    private static final Set<String> LINE_SPLIT_MIME_TYPES = Set.of("application/javascript", "image/svg+xml");

    private NotebookWriter() {
    }

    static void write(Notebook notebook, Path file) throws IOException {
        Files.writeString(file, toJson(notebook), StandardCharsets.UTF_8);
    }

    static String toJson(Notebook notebook) {
        JsonObject root = new JsonObject();
        JsonArray cells = new JsonArray();
        notebook.cells().forEach(cell -> cells.add(cell(cell)));
        root.add("cells", cells);
        root.add("metadata", notebook.metadata());
        root.addProperty("nbformat", 4);
        root.addProperty("nbformat_minor", notebook.nbformatMinor());

        Writer text = new StringWriter();
        JsonWriter json = new JsonWriter(text);
        json.setIndent(" ");
        GSON.toJson(sortedKeys(root), json);
        return text + "\n";
    }

    private static JsonObject cell(Cell cell) {
        JsonObject json = new JsonObject();
        cell.id().ifPresent(id -> json.addProperty("id", id));
        json.add("metadata", cell.metadata());
        json.add("source", MultilineString.lines(cell.source()));
        if (cell instanceof Cell.Code code) {
            json.addProperty("cell_type", "code");
            json.add("execution_count", count(code.executionCount()));
            JsonArray outputs = new JsonArray();
            code.outputs().forEach(output -> outputs.add(output(output)));
            json.add("outputs", outputs);
        } else {
            Cell.Text text = (Cell.Text) cell;
            json.addProperty("cell_type", text.kind().cellType);
            text.attachments().ifPresent(attachments -> json.add("attachments", splitAttachments(attachments)));
        }
        return json;
    }

    private static JsonObject output(Output output) {
        JsonObject json = new JsonObject();
        if (output instanceof Output.Stream stream) {
            json.addProperty("output_type", "stream");
            json.addProperty("name", stream.name());
            json.add("text", MultilineString.lines(stream.text()));
        } else if (output instanceof Output.Display display) {
            json.addProperty("output_type", "display_data");
            addContent(json, display.content());
        } else if (output instanceof Output.ExecuteResult result) {
            json.addProperty("output_type", "execute_result");
            json.add("execution_count", count(result.executionCount()));
            addContent(json, result.content());
        } else {
            Output.Error error = (Output.Error) output;
            json.addProperty("output_type", "error");
            json.addProperty("ename", error.ename());
            json.addProperty("evalue", error.evalue());
            JsonArray traceback = new JsonArray();
            error.traceback().forEach(traceback::add);
            json.add("traceback", traceback);
        }
        return json;
    }

    private static void addContent(JsonObject output, MimeContent content) {
        output.add("data", split(content.data()));
        output.add("metadata", content.metadata());
    }

    private static JsonObject splitAttachments(JsonObject attachments) {
        JsonObject split = new JsonObject();
        attachments.entrySet().forEach(file -> split.add(file.getKey(), split(file.getValue().getAsJsonObject())));
        return split;
    }

    private static JsonObject split(JsonObject bundle) {
        JsonObject split = new JsonObject();
        bundle.entrySet().forEach(entry -> split.add(entry.getKey(), isWrittenAsLines(entry.getKey(), entry.getValue())
                ? MultilineString.lines(entry.getValue().getAsString())
                : entry.getValue()));
        return split;
    }

    private static boolean isWrittenAsLines(String mimeType, JsonElement value) {
        return value.isJsonPrimitive() && (mimeType.startsWith("text/") || LINE_SPLIT_MIME_TYPES.contains(mimeType));
    }

    private static JsonElement count(OptionalInt count) {
        return count.isPresent() ? new JsonPrimitive(count.getAsInt()) : JsonNull.INSTANCE;
    }

    /** Python's {@code json.dumps(sort_keys=True)}, which nbformat uses, sorts every object. */
    private static JsonElement sortedKeys(JsonElement element) {
        if (element.isJsonObject()) {
            Map<String, JsonElement> sorted = new TreeMap<>();
            element.getAsJsonObject().entrySet()
                    .forEach(entry -> sorted.put(entry.getKey(), sortedKeys(entry.getValue())));
            JsonObject object = new JsonObject();
            sorted.forEach(object::add);
            return object;
        }
        if (element.isJsonArray()) {
            JsonArray array = new JsonArray();
            element.getAsJsonArray().forEach(item -> array.add(sortedKeys(item)));
            return array;
        }
        return element;
    }
}
