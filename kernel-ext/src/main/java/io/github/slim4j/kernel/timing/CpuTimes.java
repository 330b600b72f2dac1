package io.github.slim4j.kernel.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Clock readings for {@code %time}, in nanoseconds, or the difference of two.
 *
 * @param wall       elapsed time
 * @param threadUser user-mode CPU time of the thread that ran the code; -1 when unknown
 * @param threadCpu  user and system CPU time of that thread; -1 when unknown
 * @param processCpu CPU time of every thread of the process: ND4J's native threads, the magics'
 *                   parallel workers, the JIT and the garbage collector too
 */
public record CpuTimes(long wall, long threadUser, long threadCpu, long processCpu) {

    public static final CpuTimes ZERO = new CpuTimes(0, 0, 0, 0);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** The readings now, for the calling thread. */
    public static CpuTimes now() {
        return new CpuTimes(System.nanoTime(), THREADS.getCurrentThreadUserTime(), THREADS.getCurrentThreadCpuTime(), PROCESS.getProcessCpuTime());
    }

    public CpuTimes minus(CpuTimes earlier) {
        return new CpuTimes(wall - earlier.wall, threadUser - earlier.threadUser, threadCpu - earlier.threadCpu, processCpu - earlier.processCpu);
    }

    /** These times without the thread's, for code that ran on threads the caller cannot see. */
    public CpuTimes processOnly() {
        return new CpuTimes(wall, -1, -1, processCpu);
    }

    public CpuTimes plus(CpuTimes more) {
        return new CpuTimes(wall + more.wall, threadUser + more.threadUser, threadCpu + more.threadCpu, processCpu + more.processCpu);
    }

    /**
     * IPython's two lines, {@code CPU times: user 1.2 s, sys: 10 ms, total: 1.21 s} (of the thread
     * that ran the code) and {@code Wall time: 1.5 s}, with the process's CPU time between them,
     * and {@code Compiler : ...} when compiling took over 0.1 s, as IPython adds it. Without the
     * thread's times, IPython's line for systems without the split: {@code CPU times: total: T},
     * of the process.
     */
    public List<String> report(double compileSeconds) {
        List<String> lines = new ArrayList<>();
        if (threadCpu < 0) {
            lines.add("CPU times: total: " + TimeFormat.of(processCpu / 1e9));
            lines.add("Wall time: " + TimeFormat.of(wall / 1e9));
            return lines;
        }
        // The JVM reads user time in the OS's scheduler ticks but the total exactly; sys is the rest.
        long user = Math.max(0, Math.min(threadUser, threadCpu));
        lines.add("CPU times: user " + TimeFormat.of(user / 1e9) + ", sys: " + TimeFormat.of((threadCpu - user) / 1e9)
                + ", total: " + TimeFormat.of(threadCpu / 1e9));
        lines.add("Process CPU time: " + TimeFormat.of(processCpu / 1e9));
        lines.add("Wall time: " + TimeFormat.of(wall / 1e9));
        if (compileSeconds > 0.1) {
            lines.add("Compiler : " + TimeFormat.of(compileSeconds));
        }
        return lines;
    }
}
