package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static io.github.slim4j.kernel.notebook.TestNotebooks.code;
import static io.github.slim4j.kernel.notebook.TestNotebooks.json;
import static io.github.slim4j.kernel.notebook.TestNotebooks.markdown;
import static io.github.slim4j.kernel.notebook.TestNotebooks.parse;
import static io.github.slim4j.kernel.notebook.TestNotebooks.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner on the real slim4j kernel: JShell and the magics, in this JVM. */
class EmbeddedKernelTest {

    @TempDir
    Path dir;

    private static JsonArray outputs(Path notebook, int cell) throws IOException {
        return json(notebook).getAsJsonArray("cells").get(cell).getAsJsonObject().getAsJsonArray("outputs");
    }

    @Test
    void runsJavaCellsAndSavesWhatTheyShow() throws Exception {
        Path input = write(dir, 5, markdown("# Smoke"), code("int x = 1 + 1;"), code("x"),
                code("System.out.println(\"hi\")"), code("display(\"shown\");"));
        Path out = dir.resolve("out.ipynb");

        RunReport report = NotebookRunner.embedded().run(input, Optional.of(out), Optional.empty());

        assertEquals(4, report.cellsRun());
        assertEquals(new JsonArray(), outputs(out, 1));
        assertEquals(parse("[{\"output_type\": \"execute_result\", \"execution_count\": 2, \"metadata\": {},"
                + " \"data\": {\"text/plain\": [\"2\"]}}]"), outputs(out, 2));
        assertEquals(parse("[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"hi\\n\"]}]"), outputs(out, 3));
        JsonObject shown = outputs(out, 4).get(0).getAsJsonObject();
        assertEquals("display_data", shown.get("output_type").getAsString());
        assertEquals(parse("[\"shown\"]"), shown.getAsJsonObject("data").get("text/plain"));
        assertEquals("java", json(out).getAsJsonObject("metadata").getAsJsonObject("language_info").get("name").getAsString());
    }

    @Test
    void magicsReadAndWriteFilesRelativeToTheNotebooksFolderAsUnderJupyter() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.copy(Path.of("..", "models", "mlp.onnx"), models.resolve("mlp.onnx"));
        Path notebooks = Files.createDirectories(dir.resolve("notebooks"));
        Path input = write(notebooks, 5, code("%load m ../models/mlp.onnx"), code("%export m again.onnx"));

        NotebookRunner.embedded().run(input, Optional.empty(), Optional.empty());

        assertTrue(Files.isRegularFile(notebooks.resolve("again.onnx")), "written next to the notebook");
        assertEquals(Files.mismatch(models.resolve("mlp.onnx"), notebooks.resolve("again.onnx")), -1L, "an unchanged export");
    }

    @Test
    void stopsAtAFailingMagicAndReportsItInOneLine() throws Exception {
        Path input = write(dir, 4, code("int x = 1;"), code("%model nett"), code("x"));
        Path html = dir.resolve("out.html");

        CellFailedException e = assertThrows(CellFailedException.class,
                () -> NotebookRunner.embedded().run(input, Optional.empty(), Optional.of(html)));

        assertTrue(e.getMessage().startsWith("cell 2 failed (%model nett): "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": %model: MODEL 'nett' is not a notebook variable"), e.getMessage());
        assertTrue(Files.readString(html).contains("%model: MODEL &#39;nett&#39; is not a notebook variable"));
    }
}
