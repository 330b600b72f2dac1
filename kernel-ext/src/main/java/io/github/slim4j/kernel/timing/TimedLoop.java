package io.github.slim4j.kernel.timing;

import java.util.function.LongSupplier;

/**
 * The statement {@code %timeit} times, compiled once into a loop, as IPython compiles its
 * {@code inner(_it, _timer)}: the setup, then the statement {@code loops} times between two
 * readings of the clock.
 */
@FunctionalInterface
public interface TimedLoop {

    /** @return the clock's nanoseconds from before the first loop to after the last */
    long run(long loops, LongSupplier nanoClock) throws Exception;
}
