package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * Reads nbformat 4 notebooks, minor versions 0 to 5. Lenient where Jupyter is lenient: missing
 * metadata and outputs are empty, and multi-line strings come in either form.
 */
final class NotebookReader {

    private static final int SUPPORTED_MAJOR = 4;

    private final String fileName;

    private NotebookReader(String fileName) {
        this.fileName = fileName;
    }

    static Notebook read(Path file) throws IOException {
        NotebookReader reader = new NotebookReader(String.valueOf(file.getFileName()));
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.notebook(new JsonParser().parse(in));
        } catch (JsonParseException e) {
            throw reader.invalid("it is not JSON (" + e.getMessage() + ")");
        }
    }

    private Notebook notebook(JsonElement json) throws InvalidNotebookException {
        if (!json.isJsonObject()) {
            throw invalid("it is not a JSON object");
        }
        JsonObject root = json.getAsJsonObject();
        int major = integer(root, "nbformat");
        if (major != SUPPORTED_MAJOR) {
            throw invalid("it has nbformat " + major + "; the runner reads nbformat 4");
        }
        int minor = integer(root, "nbformat_minor");
        List<Cell> cells = new ArrayList<>();
        for (JsonElement cell : array(root, "cells")) {
            cells.add(cell(cell, cells.size() + 1));
        }
        if (minor >= Notebook.MINOR_WITH_CELL_IDS) {
            cells = withIds(cells);
        }
        return new Notebook(minor, object(root, "metadata"), cells);
    }

    private Cell cell(JsonElement element, int number) throws InvalidNotebookException {
        try {
            JsonObject json = element.getAsJsonObject();
            Optional<String> id = Optional.ofNullable(json.get("id")).map(JsonElement::getAsString);
            String source = MultilineString.read(json.get("source"));
            JsonObject metadata = object(json, "metadata");
            Optional<JsonObject> attachments = Optional.ofNullable(json.getAsJsonObject("attachments"))
                    .map(NotebookReader::joinedAttachments);
            String type = string(json, "cell_type", number);
            if (type.equals("code")) {
                OptionalInt count = optionalInt(json.get("execution_count"));
                return new Cell.Code(id, source, metadata, count, outputs(json, number));
            }
            for (Cell.Text.Kind kind : Cell.Text.Kind.values()) {
                if (kind.cellType.equals(type)) {
                    return new Cell.Text(kind, id, source, metadata, attachments);
                }
            }
            throw invalid("cell " + number + " has cell_type " + type + "; nbformat 4 has code, markdown, raw");
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            // Gson's way of saying a value has the wrong JSON type, for example a number for an object.
            throw invalid("cell " + number + " is malformed (" + e.getMessage() + ")");
        }
    }

    private List<Output> outputs(JsonObject cell, int number) throws InvalidNotebookException {
        List<Output> outputs = new ArrayList<>();
        for (JsonElement output : array(cell, "outputs")) {
            outputs.add(output(output.getAsJsonObject(), number));
        }
        return outputs;
    }

    private Output output(JsonObject json, int number) throws InvalidNotebookException {
        String type = string(json, "output_type", number);
        switch (type) {
            case "stream":
                return new Output.Stream(string(json, "name", number), MultilineString.read(json.get("text")));
            case "display_data":
                return new Output.Display(content(json));
            case "execute_result":
                return new Output.ExecuteResult(optionalInt(json.get("execution_count")), content(json));
            case "error":
                List<String> traceback = new ArrayList<>();
                array(json, "traceback").forEach(line -> traceback.add(line.getAsString()));
                return new Output.Error(string(json, "ename", number), string(json, "evalue", number), traceback);
            default:
                throw invalid("cell " + number + " has an output of type " + type
                        + "; nbformat 4 has stream, display_data, execute_result, error");
        }
    }

    private static MimeContent content(JsonObject output) {
        return new MimeContent(joined(object(output, "data")), object(output, "metadata"));
    }

    private static JsonObject joinedAttachments(JsonObject attachments) {
        JsonObject joined = new JsonObject();
        attachments.entrySet().forEach(file -> joined.add(file.getKey(), joined(file.getValue().getAsJsonObject())));
        return joined;
    }

    /** A mime bundle with each text as one string; JSON mime types hold JSON, which is left alone. */
    private static JsonObject joined(JsonObject bundle) {
        JsonObject joined = new JsonObject();
        bundle.entrySet().forEach(entry -> joined.add(entry.getKey(), isJson(entry.getKey())
                ? entry.getValue()
                : new JsonPrimitive(MultilineString.read(entry.getValue()))));
        return joined;
    }

    private static boolean isJson(String mimeType) {
        return mimeType.equals("application/json")
                || mimeType.startsWith("application/") && mimeType.endsWith("+json");
    }

    /** nbformat 4.5 requires cell ids; like Jupyter, give each cell that lacks one a fresh unique id. */
    private static List<Cell> withIds(List<Cell> cells) {
        Set<String> taken = new HashSet<>();
        cells.forEach(cell -> cell.id().ifPresent(taken::add));
        List<Cell> identified = new ArrayList<>();
        for (Cell cell : cells) {
            identified.add(cell.id().isPresent() ? cell : cell.withId(freshId(taken)));
        }
        return identified;
    }

    private static String freshId(Set<String> taken) {
        String id;
        do {
            id = UUID.randomUUID().toString().substring(0, 8);
        } while (!taken.add(id));
        return id;
    }

    private int integer(JsonObject json, String key) throws InvalidNotebookException {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw invalid("it has no " + key + " number");
        }
        return value.getAsInt();
    }

    private String string(JsonObject json, String key, int cellNumber) throws InvalidNotebookException {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive()) {
            throw invalid("cell " + cellNumber + " has no " + key + " string");
        }
        return value.getAsString();
    }

    private static OptionalInt optionalInt(JsonElement value) {
        return value == null || value.isJsonNull() ? OptionalInt.empty() : OptionalInt.of(value.getAsInt());
    }

    private static JsonArray array(JsonObject json, String key) {
        JsonElement value = json.get(key);
        return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
    }

    private static JsonObject object(JsonObject json, String key) {
        JsonElement value = json.get(key);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }

    private InvalidNotebookException invalid(String problem) {
        return new InvalidNotebookException(fileName + " is not an nbformat 4 notebook: " + problem);
    }
}
