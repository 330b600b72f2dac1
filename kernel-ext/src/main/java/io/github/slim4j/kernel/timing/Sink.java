package io.github.slim4j.kernel.timing;

/**
 * Where {@code %timeit} puts the value of an expression it times, so that the JIT cannot drop the
 * computation as unused. A volatile write costs a few nanoseconds, which the timing includes; JMH
 * (see benchmarks/) is the tool for work that small.
 */
public final class Sink {

    private static volatile Object lastObject;
    private static volatile long lastLong;
    private static volatile double lastDouble;

    private Sink() {
    }

    public static void keep(Object value) {
        lastObject = value;
    }

    public static void keep(long value) {
        lastLong = value;
    }

    public static void keep(double value) {
        lastDouble = value;
    }
}
