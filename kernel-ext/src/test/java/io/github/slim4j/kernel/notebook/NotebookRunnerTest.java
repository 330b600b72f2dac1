package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.slim4j.kernel.exec.OutputSink.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.github.slim4j.kernel.notebook.TestNotebooks.code;
import static io.github.slim4j.kernel.notebook.TestNotebooks.display;
import static io.github.slim4j.kernel.notebook.TestNotebooks.json;
import static io.github.slim4j.kernel.notebook.TestNotebooks.markdown;
import static io.github.slim4j.kernel.notebook.TestNotebooks.parse;
import static io.github.slim4j.kernel.notebook.TestNotebooks.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookRunnerTest {

    @TempDir
    Path dir;

    private final ScriptedKernel kernel = new ScriptedKernel()
            .on("System.out.println(\"hi\")", sink -> sink.stream(Stream.STDOUT, "hi\n"))
            .on("x", sink -> sink.executeResult(2, display("2")));

    private final NotebookRunner runner = new NotebookRunner(folder -> kernel);

    private static JsonObject cellJson(Path notebook, int index) throws IOException {
        return json(notebook).getAsJsonArray("cells").get(index).getAsJsonObject();
    }

    @Test
    void runsTheCodeCellsInOrderAndSavesTheirCountsAndOutputs() throws Exception {
        Path input = write(dir, 4, markdown("# Demo"), code("int x = 1 + 1;"), code("x"), code("System.out.println(\"hi\")"));
        Path out = dir.resolve("out.ipynb");

        RunReport report = runner.run(input, Optional.of(out), Optional.empty());

        assertEquals(3, report.cellsRun());
        assertEquals(List.of("int x = 1 + 1;", "x", "System.out.println(\"hi\")"), kernel.executed());
        assertEquals(parse("{\"cell_type\": \"code\", \"execution_count\": 2, \"metadata\": {}, \"source\": [\"x\"],"
                + " \"outputs\": [{\"output_type\": \"execute_result\", \"execution_count\": 2, \"metadata\": {},"
                + " \"data\": {\"text/plain\": [\"2\"]}}]}"), cellJson(out, 2));
        assertEquals(parse("[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"hi\\n\"]}]"),
                cellJson(out, 3).get("outputs"));
        assertEquals(parse("[\"# Demo\"]"), cellJson(out, 0).get("source"));
        assertTrue(kernel.closed());
    }

    @Test
    void setsTheSlim4jKernelspecAndTheKernelsLanguageInfoAndKeepsOtherMetadata() throws Exception {
        JsonObject input = json(write(dir, 4, code("1")));
        input.add("metadata", parse("{\"title\": \"Pruning\", \"kernelspec\": {\"name\": \"python3\", \"display_name\": \"Python 3\"}}"));
        Path file = TestNotebooks.writeJson(dir, input.toString());
        Path out = dir.resolve("out.ipynb");

        runner.run(file, Optional.of(out), Optional.empty());

        JsonObject metadata = json(out).getAsJsonObject("metadata");
        assertEquals(parse("{\"name\": \"slim4j\", \"display_name\": \"Java (slim4j)\", \"language\": \"java\"}"),
                metadata.get("kernelspec"));
        assertEquals("java", metadata.getAsJsonObject("language_info").get("name").getAsString());
        assertEquals(".jshell", metadata.getAsJsonObject("language_info").get("file_extension").getAsString());
        assertEquals("Pruning", metadata.get("title").getAsString());
    }

    @Test
    void replacesTheOutputsOfAnEarlierRunAndKeepsCellMetadata() throws Exception {
        JsonObject stale = code("x");
        stale.addProperty("execution_count", 41);
        stale.add("outputs", parse("[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"stale\"}]"));
        stale.add("metadata", parse("{\"tags\": [\"keep\"]}"));
        Path out = dir.resolve("out.ipynb");

        runner.run(write(dir, 4, stale), Optional.of(out), Optional.empty());

        JsonObject cell = cellJson(out, 0);
        assertEquals(1, cell.get("execution_count").getAsInt());
        assertEquals("execute_result", cell.getAsJsonArray("outputs").get(0).getAsJsonObject().get("output_type").getAsString());
        assertEquals(1, cell.getAsJsonArray("outputs").size());
        assertEquals(parse("{\"tags\": [\"keep\"]}"), cell.get("metadata"));
    }

    @Test
    void doesNotSendBlankCellsToTheKernel() throws Exception {
        Path input = write(dir, 4, code("  \n"), code("x"));

        RunReport report = runner.run(input, Optional.empty(), Optional.empty());

        assertEquals(List.of("x"), kernel.executed());
        assertEquals(1, report.cellsRun());
    }

    @Test
    void stopsAtTheFirstFailingCellNamingItInOneLine() throws Exception {
        kernel.failOn("\n%model nett\n", "MagicException", "%model: MODEL 'nett' is not a notebook variable");
        kernel.failOn("later", "Never", "reached");
        Path input = write(dir, 4, markdown("# Demo"), code("x"), code("\n%model nett\n"), code("later"));

        CellFailedException e = assertThrows(CellFailedException.class,
                () -> runner.run(input, Optional.empty(), Optional.empty()));

        assertEquals("cell 3 failed (%model nett): MagicException: %model: MODEL 'nett' is not a notebook variable",
                e.getMessage());
        assertEquals(new CellFailure(3, "%model nett", "MagicException", "%model: MODEL 'nett' is not a notebook variable"),
                e.failure());
        assertEquals(List.of("x", "\n%model nett\n"), kernel.executed());
        assertTrue(kernel.closed());
    }

    @Test
    void writesTheNotebookAndReportUpToTheFailedCellAndLeavesLaterCellsNotRun() throws Exception {
        kernel.failOn("boom()", "IllegalStateException", "it <broke>");
        JsonObject later = code("x");
        later.addProperty("execution_count", 9);
        later.add("outputs", parse("[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"from an old run\"}]"));
        Path input = write(dir, 4, code("System.out.println(\"hi\")"), code("boom()"), later);
        Path out = dir.resolve("out.ipynb");
        Path html = dir.resolve("out.html");

        assertThrows(CellFailedException.class, () -> runner.run(input, Optional.of(out), Optional.of(html)));

        assertEquals(1, cellJson(out, 0).get("execution_count").getAsInt());
        JsonObject error = cellJson(out, 1).getAsJsonArray("outputs").get(0).getAsJsonObject();
        assertEquals("error", error.get("output_type").getAsString());
        assertEquals("it <broke>", error.get("evalue").getAsString());
        assertTrue(cellJson(out, 2).get("execution_count").isJsonNull());
        assertEquals(new JsonArray(), cellJson(out, 2).get("outputs"));
        String report = Files.readString(html);
        assertTrue(report.contains("IllegalStateException: it &lt;broke&gt;"), report);
        assertFalse(report.contains("from an old run"), report);
    }
}
