package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;

/**
 * An nbformat 4 notebook document. Its JSON parts ({@code metadata}) are treated as immutable:
 * changes make a new notebook.
 *
 * @param nbformatMinor the minor version as read; the notebook is written back with it, so it
 *                      validates against the same schema as the input
 * @param metadata      notebook-level metadata, kept as read except for what the runner sets
 * @param cells         the cells, in order
 */
record Notebook(int nbformatMinor, JsonObject metadata, List<Cell> cells) {

    /** The minor version from which every cell must have an {@code id}. */
    static final int MINOR_WITH_CELL_IDS = 5;

    Notebook {
        cells = List.copyOf(cells);
    }

    Notebook withCells(List<Cell> newCells) {
        return new Notebook(nbformatMinor, metadata, newCells);
    }

    Notebook withMetadata(String key, JsonElement value) {
        JsonObject changed = metadata.deepCopy();
        changed.add(key, value);
        return new Notebook(nbformatMinor, changed, cells);
    }
}
