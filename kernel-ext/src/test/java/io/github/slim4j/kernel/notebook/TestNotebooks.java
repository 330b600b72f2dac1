package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Notebook files and display data for tests, built as JSON so each test shows its input. */
final class TestNotebooks {

    private TestNotebooks() {
    }

    static JsonObject code(String source) {
        JsonObject cell = cell("code", source);
        cell.add("execution_count", null);
        cell.add("outputs", new JsonArray());
        return cell;
    }

    static JsonObject markdown(String source) {
        return cell("markdown", source);
    }

    static JsonObject cell(String type, String source) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", type);
        cell.add("metadata", new JsonObject());
        cell.addProperty("source", source);
        return cell;
    }

    static Path write(Path dir, int minor, JsonObject... cells) throws IOException {
        JsonObject notebook = new JsonObject();
        JsonArray cellArray = new JsonArray();
        for (JsonObject cell : cells) {
            cellArray.add(cell);
        }
        notebook.add("cells", cellArray);
        notebook.add("metadata", new JsonObject());
        notebook.addProperty("nbformat", 4);
        notebook.addProperty("nbformat_minor", minor);
        return writeJson(dir, notebook.toString());
    }

    static Path writeJson(Path dir, String json) throws IOException {
        return Files.writeString(dir.resolve("input.ipynb"), json, StandardCharsets.UTF_8);
    }

    static JsonObject json(Path file) throws IOException {
        return parse(Files.readString(file)).getAsJsonObject();
    }

    static JsonElement parse(String json) {
        return new JsonParser().parse(json);
    }

    static DisplayData display(String text) {
        return new DisplayData(text);
    }

    static DisplayData display(String text, String displayId) {
        DisplayData data = new DisplayData(text);
        data.setDisplayId(displayId);
        return data;
    }
}
