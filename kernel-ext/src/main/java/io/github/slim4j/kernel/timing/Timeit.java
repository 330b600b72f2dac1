package io.github.slim4j.kernel.timing;

import io.github.slim4j.core.progress.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code %timeit}'s measuring: without a loop count, one is chosen as CPython's
 * {@code timeit.Timer.autorange} does (1, 2, 5, 10, 20, 50, ... loops until a run takes at least
 * 0.2 s); then {@code repeat} runs of that many loops.
 *
 * <p>An interrupt (the thread's flag, or an {@link InterruptedException} out of the statement)
 * stops the runs; the runs finished so far are the result.
 */
public final class Timeit {

    /** A run this long is long enough to measure, as in IPython and CPython. */
    static final long ENOUGH_NANOS = 200_000_000L;

    /** IPython stops growing the loop count here, so a statement the JIT removes cannot loop forever. */
    static final long MAX_LOOPS = 1_000_000_000L;

    private final LongSupplier nanoClock;

    public Timeit(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * What was measured: empty when the interrupt came before the first run finished.
     *
     * @param runsAsked how many runs were asked for; the result has fewer when interrupted
     */
    public record Outcome(Optional<TimeitResult> result, boolean interrupted, int runsAsked) {
    }

    /**
     * @param loops          0 to choose the count
     * @param compileSeconds carried into the result
     * @param progress       hears of each run finished, of {@code repeat}
     * @throws Exception what the statement threw, other than an interrupt
     */
    public Outcome measure(TimedLoop loop, long loops, int repeat, int precision, double compileSeconds, ProgressListener progress) throws Exception {
        List<Double> runs = new ArrayList<>();
        long chosen = loops;
        try {
            if (chosen == 0) {
                chosen = autorange(loop);
            }
            while (runs.size() < repeat && !Thread.currentThread().isInterrupted()) {
                runs.add(loop.run(chosen, nanoClock) / 1e9);
                progress.progress(runs.size(), repeat, String.format(Locale.ROOT, "run %d of %d, %,d loops each", runs.size(), repeat, chosen));
            }
        } catch (InterruptedException stopped) {
            // The cell was interrupted: keep the flag for the kernel, and the runs for the user.
            Thread.currentThread().interrupt();
        }
        Optional<TimeitResult> result = runs.isEmpty() ? Optional.empty() : Optional.of(new TimeitResult(chosen, runs, compileSeconds, precision));
        return new Outcome(result, runs.size() < repeat, repeat);
    }

    /** The loop count: the first of 1, 2, 5, 10, 20, 50, ... whose run takes at least 0.2 s. */
    long autorange(TimedLoop loop) throws Exception {
        long base = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                long loops = base * factor;
                if (loop.run(loops, nanoClock) >= ENOUGH_NANOS || loops >= MAX_LOOPS) {
                    return loops;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
            base *= 10;
        }
    }
}
