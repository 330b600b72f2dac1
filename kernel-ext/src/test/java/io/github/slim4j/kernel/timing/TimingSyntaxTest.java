package io.github.slim4j.kernel.timing;

import io.github.slim4j.magics.MagicException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimingSyntaxTest {

    @Test
    void timeTakesTheCodeAsTyped() {
        assertEquals("var s = \"a  'b'\" + x; // done", TimingSyntax.timeStatement(" var s = \"a  'b'\" + x; // done"));
        assertEquals("%quantize net --bits 4", TimingSyntax.timeStatement("%quantize net --bits 4"));
    }

    @Test
    void timeWithNothingToTimeIsOneLine() {
        MagicException error = assertThrows(MagicException.class, () -> TimingSyntax.timeStatement("  "));
        assertEquals("%time: missing STATEMENT: Java code: an expression, a declaration, statements, or a magic line (see %help time)",
                error.getMessage());
    }

    @Test
    void timeitHasIPythonsDefaults() {
        assertEquals(new TimingSyntax.TimeitRequest(0, 7, 3, false, false, "", "f(\"x y\")"), TimingSyntax.timeitLine("f(\"x y\")"));
    }

    @Test
    void optionsComeBeforeTheCodeWithTheirValueAttachedOrNot() {
        assertEquals(new TimingSyntax.TimeitRequest(100, 3, 4, true, true, "", "-x + 1"),
                TimingSyntax.timeitLine("-n100 -r 3 -p 4 -o -q -- -x + 1"));
        assertEquals(new TimingSyntax.TimeitRequest(5, 7, 3, false, false, "", "%model net -n 2"), TimingSyntax.timeitLine("-n 5 %model net -n 2"));
    }

    @Test
    void badOptionsAreOneLineEach() {
        assertEquals("%timeit: -n must be an integer of at least 1, got '0'",
                assertThrows(MagicException.class, () -> TimingSyntax.timeitLine("-n 0 f()")).getMessage());
        assertEquals("%timeit: -r must be an integer from 1 to 1000000, got 'many'",
                assertThrows(MagicException.class, () -> TimingSyntax.timeitLine("-r many f()")).getMessage());
        assertEquals("%timeit: unknown option -x; options are -n, -r, -p, -o, -q (see %help timeit)",
                assertThrows(MagicException.class, () -> TimingSyntax.timeitLine("-x f()")).getMessage());
        assertEquals("%timeit: missing STATEMENT: Java code: an expression, a declaration, statements, or a magic line (see %help timeit)",
                assertThrows(MagicException.class, () -> TimingSyntax.timeitLine("-n 3")).getMessage());
    }

    @Test
    void theCellFormTakesASetupOnItsFirstLine() {
        assertEquals(new TimingSyntax.TimeitRequest(5, 2, 3, false, false, "int[] a = new int[10];", "a[0]++;\n"),
                TimingSyntax.timeitCell("-n 5 -r 2 int[] a = new int[10];", "a[0]++;\n"));
        assertEquals(new TimingSyntax.TimeitRequest(0, 7, 3, true, false, "", "f();"), TimingSyntax.timeitCell("-o", "f();"));
    }
}
