package io.github.slim4j.magics.grammar;

import io.github.slim4j.magics.MagicException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerTest {

    @Test
    void splitsOnWhitespaceOfAnyLength() {
        assertEquals(List.of("net", "--layer", "0"), Tokenizer.split("  net \t--layer   0 "));
    }

    @Test
    void quotesKeepSpacesInOneWord() {
        assertEquals(List.of("--layers", "conv.*=int8, fc1=int4"), Tokenizer.split("--layers \"conv.*=int8, fc1=int4\""));
        assertEquals(List.of("it's", "a b"), Tokenizer.split("\"it's\" 'a b'"));
    }

    @Test
    void singleQuotesKeepBackslashes() {
        assertEquals(List.of("--exclude", "fc\\d+"), Tokenizer.split("--exclude 'fc\\d+'"));
    }

    @Test
    void backslashEscapesOutsideQuotes() {
        assertEquals(List.of("a b", "\"q\""), Tokenizer.split("a\\ b \\\"q\\\""));
    }

    @Test
    void adjacentQuotedPartsJoin() {
        assertEquals(List.of("ab c"), Tokenizer.split("a'b c'"));
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertEquals(List.of("--name", ""), Tokenizer.split("--name ''"));
    }

    @Test
    void nothingGivesNoWords() {
        assertEquals(List.of(), Tokenizer.split("   "));
    }

    @Test
    void unclosedQuoteIsOneClearError() {
        MagicException error = assertThrows(MagicException.class, () -> Tokenizer.split("--layers \"conv"));
        assertTrue(error.getMessage().startsWith("unclosed double quote"), error.getMessage());
    }
}
