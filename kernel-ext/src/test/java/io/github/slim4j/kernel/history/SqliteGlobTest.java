package io.github.slim4j.kernel.history;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteGlobTest {

    @Test
    void starMatchesAnyRunAcrossLines() {
        assertTrue(SqliteGlob.compile("Math.*").matches("Math.max(1,\n 2)"));
        assertTrue(SqliteGlob.compile("*").matches(""));
        assertFalse(SqliteGlob.compile("Math.*").matches("StrictMath.max"));
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertTrue(SqliteGlob.compile("x?").matches("x1"));
        assertFalse(SqliteGlob.compile("x?").matches("x"));
        assertFalse(SqliteGlob.compile("x?").matches("x12"));
    }

    @Test
    void setsRangesAndNegation() {
        assertTrue(SqliteGlob.compile("[abc]1").matches("b1"));
        assertTrue(SqliteGlob.compile("v[0-9]").matches("v7"));
        assertFalse(SqliteGlob.compile("v[0-9]").matches("vx"));
        assertTrue(SqliteGlob.compile("[^0-9]*").matches("x9"));
        assertFalse(SqliteGlob.compile("[^0-9]*").matches("9x"));
    }

    @Test
    void regexCharactersAreLiteral() {
        assertTrue(SqliteGlob.compile("a.b(c)+$").matches("a.b(c)+$"));
        assertFalse(SqliteGlob.compile("a.b").matches("axb"));
        assertTrue(SqliteGlob.compile("[\\^]").matches("^"));
    }

    @Test
    void matchingIsCaseSensitive() {
        assertFalse(SqliteGlob.compile("math*").matches("Math.max"));
    }
}
