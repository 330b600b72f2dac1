package io.github.slim4j.magics.grammar;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuggestionsTest {

    @Test
    void swapsDeletionsAndCaseAreSmallSlips() {
        assertEquals(Optional.of("text"), Suggestions.closest("txet", List.of("text", "number")));
        assertEquals(Optional.of("--layer"), Suggestions.closest("--layr", List.of("--layer", "--bins")));
        assertEquals(Optional.of("--layer"), Suggestions.closest("--Layer", List.of("--layer")));
    }

    @Test
    void unrelatedOrTooShortWordsGetNoSuggestion() {
        assertEquals(Optional.empty(), Suggestions.closest("zebra", List.of("text", "number")));
        assertEquals(Optional.empty(), Suggestions.closest("7", List.of("0", "1")));
    }

    @Test
    void anExactMatchIsNotASuggestion() {
        assertEquals(Optional.empty(), Suggestions.closest("net", List.of("net")));
    }

    @Test
    void distanceCountsATranspositionAsOneEdit() {
        assertEquals(1, Suggestions.distance("ab", "ba"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}
