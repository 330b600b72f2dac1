package io.github.slim4j.kernel.timing;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@code %timeit} measured, as IPython's {@code TimeitResult}: the method names are IPython's
 * attributes ({@code loops}, {@code repeat}, {@code best}, {@code worst}, {@code allRuns},
 * {@code compileTime}, {@code timings}, {@code average}, {@code stdev}).
 *
 * @param loops       how many times the statement ran in each run
 * @param allRuns     seconds each run took, all its loops together
 * @param compileTime seconds it took to compile the timing loop
 * @param precision   significant digits of {@link #toString()}
 */
public record TimeitResult(long loops, List<Double> allRuns, double compileTime, int precision) {

    public TimeitResult {
        if (loops < 1 || allRuns.isEmpty()) {
            throw new IllegalArgumentException("a result needs at least one loop and one run, got " + loops + " loops and " + allRuns.size() + " runs");
        }
        allRuns = List.copyOf(allRuns);
    }

    /** How many runs were measured. */
    public int repeat() {
        return allRuns.size();
    }

    /** Seconds per loop in each run. */
    public List<Double> timings() {
        return allRuns.stream().map(run -> run / loops).toList();
    }

    /** Seconds per loop in the fastest run. */
    public double best() {
        return Collections.min(allRuns) / loops;
    }

    /** Seconds per loop in the slowest run. */
    public double worst() {
        return Collections.max(allRuns) / loops;
    }

    /** The mean of {@link #timings()}. */
    public double average() {
        return timings().stream().mapToDouble(Double::doubleValue).sum() / repeat();
    }

    /** The population standard deviation of {@link #timings()}, as IPython's (divided by the number of runs). */
    public double stdev() {
        double mean = average();
        double squares = timings().stream().mapToDouble(timing -> (timing - mean) * (timing - mean)).sum();
        return Math.sqrt(squares / repeat());
    }

    /**
     * IPython's warning when the slowest run took over four times the fastest (and over a
     * microsecond a loop), or empty.
     */
    public String cachingWarning() {
        if (worst() > 4 * best() && best() > 0 && worst() > 1e-6) {
            return String.format(Locale.ROOT, "The slowest run took %.2f times longer than the fastest. This could mean that an intermediate result is being cached.", worst() / best());
        }
        return "";
    }

    /** {@code 1.23 ms ± 45.6 μs per loop (mean ± std. dev. of 7 runs, 1,000 loops each)}, as IPython prints it. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d run%s, %,d loop%s each)",
                TimeFormat.of(average(), precision), TimeFormat.of(stdev(), precision),
                repeat(), repeat() == 1 ? "" : "s", loops, loops == 1 ? "" : "s");
    }
}
