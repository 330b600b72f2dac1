package io.github.slim4j.kernel.timing;

import io.github.slim4j.core.progress.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fake clock that only the fake statement moves: every count below is worked by hand. */
class TimeitTest {

    private long now;
    private final List<Long> loopCounts = new ArrayList<>();

    /** A statement that takes {@code nanosPerLoop} on the fake clock, recording each run's loop count. */
    private TimedLoop costing(long nanosPerLoop) {
        return (loops, clock) -> {
            loopCounts.add(loops);
            long start = clock.getAsLong();
            now += loops * nanosPerLoop;
            return clock.getAsLong() - start;
        };
    }

    private final Timeit timeit = new Timeit(() -> now);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void theLoopCountGrowsOneTwoFiveUntilARunTakesAFifthOfASecond() throws Exception {
        // 30 ms a loop: 1, 2, 5 loops take 30, 60, 150 ms; 10 take 300 ms.
        assertEquals(10, timeit.autorange(costing(30_000_000)));
        // 1 µs a loop: 100,000 loops take 0.1 s, 200,000 take 0.2 s, which is enough.
        assertEquals(200_000, timeit.autorange(costing(1_000)));
        // 250 ms a loop: one is enough.
        assertEquals(1, timeit.autorange(costing(250_000_000)));
    }

    @Test
    void aStatementThatTakesNoTimeStopsAtIPythonsLimit() throws Exception {
        assertEquals(1_000_000_000L, timeit.autorange(costing(0)));
    }

    @Test
    void theChosenCountIsThenRunRepeatTimes() throws Exception {
        Timeit.Outcome outcome = timeit.measure(costing(30_000_000), 0, 3, 3, 0, ProgressListener.NONE);
        TimeitResult result = outcome.result().orElseThrow();
        assertEquals(List.of(1L, 2L, 5L, 10L, 10L, 10L, 10L), loopCounts);
        assertEquals(10, result.loops());
        assertEquals(List.of(0.3, 0.3, 0.3), result.allRuns());
        assertFalse(outcome.interrupted());
    }

    @Test
    void eachFinishedRunIsReportedAsProgress() throws Exception {
        List<String> heard = new ArrayList<>();
        timeit.measure(costing(1_000), 1_500, 3, 3, 0, (done, total, detail) -> heard.add(done + "/" + total + " " + detail));
        assertEquals(List.of("1/3 run 1 of 3, 1,500 loops each", "2/3 run 2 of 3, 1,500 loops each", "3/3 run 3 of 3, 1,500 loops each"), heard);
    }

    @Test
    void aGivenLoopCountIsUsedWithoutCalibrating() throws Exception {
        TimeitResult result = timeit.measure(costing(1_000), 4, 2, 3, 0, ProgressListener.NONE).result().orElseThrow();
        assertEquals(List.of(4L, 4L), loopCounts);
        assertEquals(4e-6, result.allRuns().get(0), 1e-18);
    }

    @Test
    void anInterruptKeepsTheRunsFinishedSoFar() throws Exception {
        TimedLoop interruptedInTheThirdRun = (loops, clock) -> {
            loopCounts.add(loops);
            if (loopCounts.size() == 3) {
                Thread.currentThread().interrupt();
            }
            now += 1_000;
            return 1_000;
        };
        Timeit.Outcome outcome = timeit.measure(interruptedInTheThirdRun, 1, 7, 3, 0, ProgressListener.NONE);
        assertTrue(outcome.interrupted());
        assertEquals(3, outcome.result().orElseThrow().repeat());
        assertEquals(7, outcome.runsAsked());
    }

    @Test
    void anInterruptedSleepInTheStatementEndsTheRunsToo() throws Exception {
        TimedLoop sleeps = (loops, clock) -> {
            loopCounts.add(loops);
            if (loopCounts.size() == 2) {
                throw new InterruptedException("sleep interrupted");
            }
            return 5_000;
        };
        Timeit.Outcome outcome = timeit.measure(sleeps, 1, 7, 3, 0, ProgressListener.NONE);
        assertTrue(outcome.interrupted());
        assertEquals(List.of(5e-6), outcome.result().orElseThrow().allRuns());
        assertTrue(Thread.currentThread().isInterrupted(), "the kernel still sees the interrupt");
    }

    @Test
    void anInterruptBeforeTheFirstRunLeavesNoResult() throws Exception {
        Thread.currentThread().interrupt();
        Timeit.Outcome outcome = timeit.measure(costing(1), 5, 7, 3, 0, ProgressListener.NONE);
        assertTrue(outcome.interrupted());
        assertTrue(outcome.result().isEmpty());
    }
}
