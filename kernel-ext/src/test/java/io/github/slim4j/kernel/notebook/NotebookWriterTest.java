package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.github.slim4j.kernel.notebook.TestNotebooks.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NotebookWriterTest {

    @TempDir
    Path dir;

    private static MimeContent content(String json) {
        JsonObject both = parse(json).getAsJsonObject();
        return new MimeContent(both.getAsJsonObject("data"), both.getAsJsonObject("metadata"));
    }

    private static Notebook sample() {
        JsonObject notebookMetadata = parse("{\"zeta\": 1, \"alpha\": {\"y\": 2, \"x\": 1}}").getAsJsonObject();
        Cell.Code code = new Cell.Code(Optional.of("c1"), "int x = 1;\nx", new JsonObject(), OptionalInt.of(2), List.of(
                new Output.Stream("stdout", "a<b>\n"),
                new Output.Display(content("{\"data\": {\"text/plain\": \"1\\n2\", \"image/png\": \"iVBORw0KGgo=\"},"
                        + " \"metadata\": {\"image/png\": {\"width\": 4}}}")),
                new Output.ExecuteResult(OptionalInt.of(2), content("{\"data\": {\"text/plain\": \"2\"}, \"metadata\": {}}")),
                new Output.Error("E", "v", List.of("t"))));
        Cell.Text text = new Cell.Text(Cell.Text.Kind.MARKDOWN, Optional.of("m1"), "# Title", new JsonObject(), Optional.empty());
        return new Notebook(5, notebookMetadata, List.of(text, code));
    }

    @Test
    void writesWhatJupyterWritesSortedKeysOneSpaceIndentTextAsLines() {
        String expected = """
                {
                 "cells": [
                  {
                   "cell_type": "markdown",
                   "id": "m1",
                   "metadata": {},
                   "source": [
                    "# Title"
                   ]
                  },
                  {
                   "cell_type": "code",
                   "execution_count": 2,
                   "id": "c1",
                   "metadata": {},
                   "outputs": [
                    {
                     "name": "stdout",
                     "output_type": "stream",
                     "text": [
                      "a<b>\\n"
                     ]
                    },
                    {
                     "data": {
                      "image/png": "iVBORw0KGgo=",
                      "text/plain": [
                       "1\\n",
                       "2"
                      ]
                     },
                     "metadata": {
                      "image/png": {
                       "width": 4
                      }
                     },
                     "output_type": "display_data"
                    },
                    {
                     "data": {
                      "text/plain": [
                       "2"
                      ]
                     },
                     "execution_count": 2,
                     "metadata": {},
                     "output_type": "execute_result"
                    },
                    {
                     "ename": "E",
                     "evalue": "v",
                     "output_type": "error",
                     "traceback": [
                      "t"
                     ]
                    }
                   ],
                   "source": [
                    "int x = 1;\\n",
                    "x"
                   ]
                  }
                 ],
                 "metadata": {
                  "alpha": {
                   "x": 1,
                   "y": 2
                  },
                  "zeta": 1
                 },
                 "nbformat": 4,
                 "nbformat_minor": 5
                }
                """;

        assertEquals(expected, NotebookWriter.toJson(sample()));
    }

    @Test
    void writesANotRunCellWithANullCount() {
        Cell.Code notRun = new Cell.Code(Optional.empty(), "x", new JsonObject(), OptionalInt.empty(), List.of());

        JsonObject written = parse(NotebookWriter.toJson(new Notebook(4, new JsonObject(), List.of(notRun))))
                .getAsJsonObject().getAsJsonArray("cells").get(0).getAsJsonObject();

        assertEquals(parse("{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {}, \"outputs\": [],"
                + " \"source\": [\"x\"]}"), written);
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Path file = dir.resolve("written.ipynb");

        NotebookWriter.write(sample(), file);

        assertEquals(sample(), NotebookReader.read(file));
    }
}
