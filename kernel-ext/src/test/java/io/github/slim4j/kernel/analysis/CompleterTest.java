package io.github.slim4j.kernel.analysis;

import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompleterTest {

    private final Completer completer = new Completer(AnalysisShell.analysis(), () -> Set.of("model", "lsmagic", "help"));

    @Test
    void javaIsCompletedByJShellWithoutRepeats() {
        ReplacementOptions options = completer.complete("Math.ma", 7);
        assertEquals(List.of("max("), options.getReplacements());
        assertEquals(5, options.getSourceStart());
        assertEquals(7, options.getSourceEnd());
    }

    @Test
    void magicNamesAreCompletedAfterAPercentStartingALine() {
        ReplacementOptions options = completer.complete("int x = 1;\n  %ls", 16);
        assertEquals(List.of("lsmagic"), options.getReplacements());
        assertEquals(14, options.getSourceStart());
    }

    @Test
    void aPercentInsideAnExpressionIsNotAMagic() {
        assertTrue(completer.complete("int r = 7 %he", 13).getReplacements().stream().noneMatch("help"::equals));
    }
}
