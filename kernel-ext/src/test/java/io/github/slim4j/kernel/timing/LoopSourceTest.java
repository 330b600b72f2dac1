package io.github.slim4j.kernel.timing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopSourceTest {

    @Test
    void expressionsThatAreNotStatementsAreValues() {
        assertTrue(LoopSource.isValueExpression("a + b"));
        assertTrue(LoopSource.isValueExpression("x"));
        assertTrue(LoopSource.isValueExpression("(w.length)"));
        assertTrue(LoopSource.isValueExpression("s.isEmpty() ? 1 : 2"));
    }

    @Test
    void statementsAndStatementExpressionsAreNot() {
        assertFalse(LoopSource.isValueExpression("net.output(x)"));
        assertFalse(LoopSource.isValueExpression("x = 5"));
        assertFalse(LoopSource.isValueExpression("count++"));
        assertFalse(LoopSource.isValueExpression("new StringBuilder()"));
        assertFalse(LoopSource.isValueExpression("var m = f()"));
        assertFalse(LoopSource.isValueExpression("for (int i = 0; i < 3; i++) { f(i); }"));
        assertFalse(LoopSource.isValueExpression("a(); b()"));
        assertFalse(LoopSource.isValueExpression("%model net"));
        assertFalse(LoopSource.isValueExpression("a + "));
    }

    @Test
    void aValueIsKeptAndAStatementEndedOnALineOfItsOwn() {
        assertEquals("io.github.slim4j.kernel.timing.Sink.keep(a + b);", LoopSource.loopBody("a + b;"));
        assertEquals("f(x)\n;", LoopSource.loopBody("f(x)"));
        assertEquals("%model net\n;", LoopSource.loopBody("%model net"));
    }
}
