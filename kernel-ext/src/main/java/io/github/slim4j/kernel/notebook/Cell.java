package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonObject;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One cell of a {@link Notebook}: code the kernel runs, or text it never sees. */
sealed interface Cell {

    /** Present from nbformat 4.5 on, absent before. */
    Optional<String> id();

    String source();

    JsonObject metadata();

    Cell withId(String newId);

    /**
     * A code cell.
     *
     * @param executionCount the {@code In [n]} number, empty when the cell has not run
     */
    record Code(Optional<String> id, String source, JsonObject metadata, OptionalInt executionCount,
                List<Output> outputs) implements Cell {

        public Code {
            outputs = List.copyOf(outputs);
        }

        @Override
        public Code withId(String newId) {
            return new Code(Optional.of(newId), source, metadata, executionCount, outputs);
        }

        Code executed(OptionalInt count, List<Output> newOutputs) {
            return new Code(id, source, metadata, count, newOutputs);
        }
    }

    /**
     * A markdown or raw cell; nbformat stores both alike.
     *
     * @param attachments files pasted into the cell, as mime bundles keyed by file name
     */
    record Text(Kind kind, Optional<String> id, String source, JsonObject metadata,
                Optional<JsonObject> attachments) implements Cell {

        @Override
        public Text withId(String newId) {
            return new Text(kind, Optional.of(newId), source, metadata, attachments);
        }

        /** The {@code cell_type}s of text cells. */
        enum Kind {
            MARKDOWN("markdown"), RAW("raw");

            final String cellType;

            Kind(String cellType) {
                this.cellType = cellType;
            }
        }
    }
}
