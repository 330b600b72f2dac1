package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.github.slim4j.kernel.notebook.TestNotebooks.code;
import static io.github.slim4j.kernel.notebook.TestNotebooks.markdown;
import static io.github.slim4j.kernel.notebook.TestNotebooks.parse;
import static io.github.slim4j.kernel.notebook.TestNotebooks.write;
import static io.github.slim4j.kernel.notebook.TestNotebooks.writeJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void readsEveryMinorVersionOfNbformat4(int minor) throws IOException {
        Notebook notebook = NotebookReader.read(write(dir, minor, markdown("# Title"), code("int x = 1;")));

        assertEquals(minor, notebook.nbformatMinor());
        assertEquals(List.of("# Title", "int x = 1;"), notebook.cells().stream().map(Cell::source).toList());
        assertInstanceOf(Cell.Text.class, notebook.cells().get(0));
        assertInstanceOf(Cell.Code.class, notebook.cells().get(1));
    }

    @Test
    void readsSourceGivenAsAListOfLines() throws IOException {
        JsonObject cell = code("");
        cell.add("source", parse("[\"int x = 1;\\n\", \"x\"]"));

        Notebook notebook = NotebookReader.read(write(dir, 0, cell));

        assertEquals("int x = 1;\nx", notebook.cells().get(0).source());
    }

    @Test
    void keepsExistingCellIdsAndGivesMissingOnesAFreshIdInVersion45() throws IOException {
        JsonObject named = code("1");
        named.addProperty("id", "keep-me");

        Notebook notebook = NotebookReader.read(write(dir, 5, named, code("2"), markdown("3"), code("4")));

        List<String> ids = notebook.cells().stream().map(cell -> cell.id().orElseThrow()).toList();
        assertEquals("keep-me", ids.get(0));
        assertTrue(ids.stream().allMatch(id -> id.matches("[a-zA-Z0-9-_]{1,64}")), ids::toString);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "ids must be unique: " + ids);
    }

    @Test
    void addsNoIdsBeforeVersion45WhereTheSchemaForbidsThem() throws IOException {
        Notebook notebook = NotebookReader.read(write(dir, 4, code("1")));

        assertEquals(Optional.empty(), notebook.cells().get(0).id());
    }

    @Test
    void readsOutputsJoiningTheirTextButLeavingJsonContentAlone() throws IOException {
        String json = """
                {"nbformat": 4, "nbformat_minor": 4, "metadata": {"title": "t"},
                 "cells": [{"cell_type": "code", "execution_count": 3, "metadata": {"tags": ["a"]}, "source": "x",
                   "outputs": [
                     {"output_type": "stream", "name": "stdout", "text": ["a\\n", "b\\n"]},
                     {"output_type": "execute_result", "execution_count": 3, "metadata": {},
                      "data": {"text/plain": ["1\\n", "2"], "application/json": {"k": [1, 2]}}},
                     {"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["t1", "t2"]}]}]}
                """;

        Cell.Code cell = (Cell.Code) NotebookReader.read(writeJson(dir, json)).cells().get(0);

        assertEquals(OptionalInt.of(3), cell.executionCount());
        assertEquals(parse("{\"tags\": [\"a\"]}"), cell.metadata());
        assertEquals(new Output.Stream("stdout", "a\nb\n"), cell.outputs().get(0));
        MimeContent result = ((Output.ExecuteResult) cell.outputs().get(1)).content();
        assertEquals(Optional.of("1\n2"), result.text("text/plain"));
        assertEquals(parse("{\"k\": [1, 2]}"), result.data().get("application/json"));
        assertEquals(new Output.Error("E", "v", List.of("t1", "t2")), cell.outputs().get(2));
    }

    @Test
    void rejectsOtherMajorVersionsNamingTheFile() throws IOException {
        Path file = writeJson(dir, "{\"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": []}");

        InvalidNotebookException e = assertThrows(InvalidNotebookException.class, () -> NotebookReader.read(file));

        assertEquals("input.ipynb is not an nbformat 4 notebook: it has nbformat 3; the runner reads nbformat 4",
                e.getMessage());
    }

    @Test
    void rejectsAnUnknownCellTypeNamingTheCell() throws IOException {
        Path file = write(dir, 4, code("1"), TestNotebooks.cell("heading", "old"));

        InvalidNotebookException e = assertThrows(InvalidNotebookException.class, () -> NotebookReader.read(file));

        assertTrue(e.getMessage().contains("cell 2 has cell_type heading"), e.getMessage());
    }

    @Test
    void rejectsACellOfTheWrongJsonTypeNamingTheCell() throws IOException {
        Path file = writeJson(dir, "{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {}, \"cells\": [42]}");

        InvalidNotebookException e = assertThrows(InvalidNotebookException.class, () -> NotebookReader.read(file));

        assertTrue(e.getMessage().startsWith("input.ipynb is not an nbformat 4 notebook: cell 1 is malformed"), e.getMessage());
    }

    @Test
    void rejectsTextThatIsNotJson() throws IOException {
        Path file = writeJson(dir, "{\"nbformat\": 4,");

        InvalidNotebookException e = assertThrows(InvalidNotebookException.class, () -> NotebookReader.read(file));

        assertTrue(e.getMessage().startsWith("input.ipynb is not an nbformat 4 notebook: it is not JSON"), e.getMessage());
    }
}
