package io.github.slim4j.kernel.history;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryHistoryTest {

    private static final Set<ResultFlag> RAW = EnumSet.noneOf(ResultFlag.class);

    private final InMemoryHistory history = new InMemoryHistory();

    @BeforeEach
    void fiveCells() {
        history.record(1, "int x = 1;", "int x = 1;", "");
        history.record(2, "x + 1", "x + 1", "2");
        history.record(3, "%model net", "{ MagicCalls.table(\"model\", \"bmV0\"); }", "");
        history.record(4, "x + 1", "x + 1", "2");
        history.record(5, "x * 3", "x * 3", "3");
    }

    private static List<String> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getInput).toList();
    }

    private static List<Integer> numbers(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getCellNumber).toList();
    }

    @Test
    void tailGivesTheLastNOldestFirst() {
        assertEquals(List.of(4, 5), numbers(history.lookupTail(2, RAW)));
        assertEquals(5, history.lookupTail(0, RAW).size());
    }

    @Test
    void entriesBelongToTheCurrentSession() {
        assertTrue(history.lookupTail(5, RAW).stream().allMatch(entry -> entry.getSession() == InMemoryHistory.SESSION));
    }

    @Test
    void rangeStartsInclusiveStopsExclusive() {
        assertEquals(List.of(2, 3), numbers(history.lookupRange(InMemoryHistory.SESSION, 2, 4, RAW)));
        assertEquals(List.of(4, 5), numbers(history.lookupRange(0, 4, 0, RAW)));
    }

    @Test
    void rangeOfAnotherSessionIsEmpty() {
        assertEquals(List.of(), history.lookupRange(-1, 1, 6, RAW));
        assertEquals(List.of(), history.lookupRange(7, 1, 6, RAW));
    }

    @Test
    void searchMatchesTheWholeInputWithAGlob() {
        assertEquals(List.of(2, 4, 5), numbers(history.search("x ?*", 0, RAW)));
        assertEquals(List.of(), numbers(history.search("+ 1", 0, RAW)));
    }

    @Test
    void searchGivesTheLastNMatches() {
        assertEquals(List.of(4, 5), numbers(history.search("x*", 2, RAW)));
    }

    @Test
    void uniqueKeepsTheLatestRunOfEachInput() {
        List<HistoryEntry> unique = history.search("x*", 0, EnumSet.of(ResultFlag.UNIQUE));
        assertEquals(List.of(4, 5), numbers(unique));
        assertEquals(List.of("x + 1", "x * 3"), inputs(unique));
    }

    @Test
    void inputsAreRawUnlessTransformedIsAsked() {
        assertEquals("%model net", history.lookupRange(0, 3, 4, RAW).get(0).getInput());
        assertTrue(history.lookupRange(0, 3, 4, EnumSet.of(ResultFlag.TRANSFORMED_INPUT)).get(0).getInput().contains("MagicCalls"));
        assertEquals(List.of(3), numbers(history.search("*MagicCalls*", 0, EnumSet.of(ResultFlag.TRANSFORMED_INPUT))));
    }

    @Test
    void outputsAreIncludedOnlyWhenAsked() {
        assertFalse(history.lookupTail(1, RAW).get(0).hasOutput());
        HistoryEntry withOutput = history.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0);
        assertEquals("3", withOutput.getOutput());
        assertEquals("", history.lookupRange(0, 1, 2, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput());
    }
}
