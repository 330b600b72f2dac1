package io.github.slim4j.kernel.timing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeitResultTest {

    /** Runs of 1, 2, 3, 4 s of 10 loops: 0.1 to 0.4 s a loop, mean 0.25, population std sqrt(0.0125). */
    private final TimeitResult fourRuns = new TimeitResult(10, List.of(1.0, 2.0, 3.0, 4.0), 0.0, 3);

    @Test
    void meanAndPopulationStandardDeviationOfTheRunsPerLoop() {
        assertEquals(0.25, fourRuns.average(), 1e-15);
        assertEquals(Math.sqrt(0.0125), fourRuns.stdev(), 1e-15);
        assertEquals(0.1, fourRuns.best(), 1e-15);
        assertEquals(0.4, fourRuns.worst(), 1e-15);
        assertEquals(4, fourRuns.repeat());
    }

    @Test
    void printedAsIPythonPrintsIt() {
        assertEquals("250 ms ± 112 ms per loop (mean ± std. dev. of 4 runs, 10 loops each)", fourRuns.toString());
        assertEquals("2 s ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)", new TimeitResult(1, List.of(2.0), 0, 3).toString());
        assertEquals("1 \u03bcs ± 0 ns per loop (mean ± std. dev. of 2 runs, 1,000,000 loops each)",
                new TimeitResult(1_000_000, List.of(1.0, 1.0), 0, 3).toString());
    }

    @Test
    void aSlowestRunOverFourTimesTheFastestIsPointedOut() {
        assertEquals("", fourRuns.cachingWarning(), "0.4 is not over 4 × 0.1");
        assertEquals("The slowest run took 5.00 times longer than the fastest. This could mean that an intermediate result is being cached.",
                new TimeitResult(1, List.of(1.0, 5.0), 0, 3).cachingWarning());
    }

    @Test
    void aResultNeedsARun() {
        assertThrows(IllegalArgumentException.class, () -> new TimeitResult(1, List.of(), 0, 3));
    }
}
