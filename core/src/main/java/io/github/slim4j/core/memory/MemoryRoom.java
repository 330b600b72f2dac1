package io.github.slim4j.core.memory;

import io.github.slim4j.core.Slim4jException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Whether a large allocation fits before it is made, and what to tell the user when memory ran out
 * all the same. ND4J's buffers come from the C heap; JavaCPP's guard refuses an allocation once the
 * process's resident memory passes {@code maxPhysicalBytes}, with an {@link OutOfMemoryError} that
 * names neither the command nor the setting. Without a guard the system would end the kernel.
 */
public final class MemoryRoom {
    /** The settings that raise the limits, as the launchers and the README name them. */
    static final String SETTINGS = "raise the limit with -Dorg.bytedeco.javacpp.maxPhysicalBytes (all the kernel holds) "
            + "or -Xmx (the Java heap) in the kernelspec's kernel.args or bin/slim4j (see the README's \"Memory\")";

    private static volatile Supplier<MemoryGauge> gauge = MemoryGauge::now;

    private MemoryRoom() {
    }

    /**
     * @param bytes what the allocation needs
     * @param what  what it is for, e.g. "a copy of net for --as"
     * @throws Slim4jException when the bytes do not fit under the limit, saying how much is needed,
     *     how much is held and which setting raises the limit
     */
    public static void require(long bytes, String what) {
        MemoryGauge now = gauge.get();
        if (bytes > now.room()) {
            throw new Slim4jException(what + " needs " + size(bytes) + ", but the kernel holds " + size(now.resident())
                    + " of the " + size(now.limit()) + " it may use; free variables or " + SETTINGS);
        }
    }

    /** One line for memory that ran out during a command, with the figures of the limit it met. */
    public static String describe(OutOfMemoryError error) {
        MemoryGauge now = gauge.get();
        String heap = saysHeap(error)
                ? "the Java heap's " + size(now.heapMax()) + " is full"
                : "the kernel holds " + size(now.resident()) + (now.limit() > 0 ? " of the " + size(now.limit()) + " it may use" : "");
        return "out of memory: " + heap + "; free variables, work in place (without --as), or " + SETTINGS;
    }

    /** Whether the Java heap ran out; a parallel stream rethrows the error from a worker wrapped in one of its own. */
    private static boolean saysHeap(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("Java heap")) {
                return true;
            }
        }
        return false;
    }

    /** "402.7 MB", "1.2 GB": decimal units, as file sizes are shown. */
    public static String size(long bytes) {
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes < 1_000_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6) : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    /**
     * Runs {@code work} with {@code gauge} in place of the process's own figures, for tests that
     * cannot fill a machine's memory; not for use from several threads at once.
     */
    public static <T> T measuredBy(MemoryGauge fixed, Supplier<T> work) {
        Supplier<MemoryGauge> before = gauge;
        gauge = () -> fixed;
        try {
            return work.get();
        } finally {
            gauge = before;
        }
    }
}
