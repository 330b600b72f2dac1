package io.github.slim4j.kernel.notebook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of every cell run so far, by cell index. They are kept for the whole run rather than
 * per cell because an {@code update_display_data} replaces outputs that earlier cells showed too.
 * Thread-safe: a cell's background threads may still be writing while the next cell runs.
 */
final class RunOutputs {

    private record Position(int cell, int index) {
    }

    private final Map<Integer, List<Output>> byCell = new HashMap<>();

    private final Map<String, List<Position>> byDisplayId = new HashMap<>();

    /** Adds an output; stream text continues the cell's last output if that is the same stream. */
    synchronized void append(int cell, Output output) {
        List<Output> outputs = byCell.computeIfAbsent(cell, c -> new ArrayList<>());
        int last = outputs.size() - 1;
        if (output instanceof Output.Stream stream && last >= 0 && stream.sameStreamAs(outputs.get(last))) {
            outputs.set(last, ((Output.Stream) outputs.get(last)).append(stream));
        } else {
            outputs.add(output);
        }
    }

    /** Adds an output that later updates to {@code displayId} will replace. */
    synchronized void appendDisplayed(int cell, Output.Rich output, String displayId) {
        List<Output> outputs = byCell.computeIfAbsent(cell, c -> new ArrayList<>());
        byDisplayId.computeIfAbsent(displayId, id -> new ArrayList<>()).add(new Position(cell, outputs.size()));
        outputs.add(output);
    }

    /** Replaces the content of every output shown so far with this display id, in any cell. */
    synchronized void updateDisplay(String displayId, MimeContent content) {
        for (Position position : byDisplayId.getOrDefault(displayId, List.of())) {
            List<Output> outputs = byCell.get(position.cell());
            outputs.set(position.index(), ((Output.Rich) outputs.get(position.index())).withContent(content));
        }
    }

    synchronized void clear(int cell) {
        byCell.remove(cell);
        byDisplayId.values().forEach(positions -> positions.removeIf(position -> position.cell() == cell));
    }

    synchronized List<Output> of(int cell) {
        return List.copyOf(byCell.getOrDefault(cell, List.of()));
    }
}
