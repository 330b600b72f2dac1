package io.github.slim4j.kernel.history;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The inputs (and text outputs) of this kernel's cells, kept in memory for Jupyter's
 * {@code history_request}. Only this session is known; it is session {@link #SESSION}, and
 * session 0 also means "the current one", as in IPython.
 *
 * <p>Counts ({@code n}) of zero or less mean "no limit", because the protocol makes them optional
 * and an absent number arrives as 0. Results are always oldest first.
 */
public final class InMemoryHistory implements HistoryManager {

    public static final int SESSION = 1;

    private final List<Cell> cells = new ArrayList<>();

    private record Cell(int number, String rawInput, String transformedInput, String output) {

        String input(Set<ResultFlag> flags) {
            return flags.contains(ResultFlag.TRANSFORMED_INPUT) ? transformedInput : rawInput;
        }

        HistoryEntry entry(Set<ResultFlag> flags) {
            return flags.contains(ResultFlag.INCLUDE_OUTPUT)
                    ? new HistoryEntry(SESSION, number, input(flags), output)
                    : new HistoryEntry(SESSION, number, input(flags));
        }
    }

    /**
     * Adds an executed cell.
     *
     * @param output the {@code text/plain} of its result, empty when it had none
     */
    public synchronized void record(int number, String rawInput, String transformedInput, String output) {
        cells.add(new Cell(number, rawInput, transformedInput, output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        return select(cell -> true, length, flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int sessionOffset, int startCell, int endCell, Set<ResultFlag> flags) {
        if (sessionOffset != 0 && sessionOffset != SESSION) {
            return List.of();
        }
        return select(cell -> cell.number() >= startCell && (endCell <= 0 || cell.number() < endCell), 0, flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        SqliteGlob glob = SqliteGlob.compile(pattern == null || pattern.isEmpty() ? "*" : pattern);
        return select(cell -> glob.matches(cell.input(flags)), length, flags);
    }

    private List<HistoryEntry> select(Predicate<Cell> wanted, int length, Set<ResultFlag> flags) {
        List<Cell> selected = cells.stream().filter(wanted).toList();
        if (flags.contains(ResultFlag.UNIQUE)) {
            selected = latestOfEachInput(selected, flags);
        }
        int from = length <= 0 ? 0 : Math.max(0, selected.size() - length);
        return selected.subList(from, selected.size()).stream().map(cell -> cell.entry(flags)).toList();
    }

    // IPython keeps the most recent run of a repeated input, at the place of that run.
    private static List<Cell> latestOfEachInput(List<Cell> cells, Set<ResultFlag> flags) {
        Map<String, Cell> latest = new LinkedHashMap<>();
        for (Cell cell : cells) {
            latest.remove(cell.input(flags));
            latest.put(cell.input(flags), cell);
        }
        return List.copyOf(latest.values());
    }
}
