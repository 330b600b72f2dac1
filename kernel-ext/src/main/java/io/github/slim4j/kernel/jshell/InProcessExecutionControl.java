package io.github.slim4j.kernel.jshell;

import io.github.slim4j.kernel.timing.CpuTimes;
import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs JShell snippets in this JVM, so snippets, magics and the kernel share one set of classes.
 *
 * <p>Each snippet runs on a worker of a cached thread pool while the evaluating thread waits.
 * The pool must grow: a magic running inside a snippet evaluates further snippets (to look up and
 * define variables), and those need a free worker while the outer one is still busy.
 *
 * <p>JShell only sees a string from {@link #invoke(Method)}; the real value is kept here under that
 * string as a key and {@link #takeResult taken} by the {@link CellEvaluator}. Likewise the original
 * exception of a failed snippet is kept for the evaluating thread ({@link #takeFailure}), because
 * JShell hands back only a copy with the class name.
 */
public final class InProcessExecutionControl extends DirectExecutionControl {

    /** How long an interrupted snippet may keep running before its thread is stopped. */
    static final Duration GRACE_BEFORE_STOP = Duration.ofSeconds(2);

    private final ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("slim4j-snippet"));
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("slim4j-interrupt"));
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final ThreadLocal<Throwable> failures = new ThreadLocal<>();
    // Guarded by itself: a worker leaves it and the watchdog stops its thread under the same lock,
    // so a stop can never hit a worker that has moved on to another snippet.
    private final Map<Object, Thread> running = new HashMap<>();
    private final AtomicBoolean interruptRequested = new AtomicBoolean();
    // Per evaluating thread, so that snippets a timed snippet evaluates in turn are not counted twice.
    private final ThreadLocal<AtomicReference<CpuTimes>> meters = new ThreadLocal<>();

    /** A value, and the time that running the snippets evaluated for it took. */
    public record Metered<T>(T value, CpuTimes running) {
    }

    /**
     * Does {@code work}, which evaluates snippets on this thread, and measures the running of those
     * snippets on their workers: compiling them is not counted, nor are the snippets they
     * evaluate in turn (their time is inside their caller's).
     */
    public <T> Metered<T> metered(Callable<T> work) throws Exception {
        AtomicReference<CpuTimes> outer = meters.get();
        AtomicReference<CpuTimes> meter = new AtomicReference<>(CpuTimes.ZERO);
        meters.set(meter);
        try {
            T value = work.call();
            return new Metered<>(value, meter.get());
        } finally {
            if (outer == null) {
                meters.remove();
            } else {
                meters.set(outer);
            }
        }
    }

    @Override
    protected String invoke(Method doIt) throws Exception {
        Object ticket = new Object();
        AtomicReference<CpuTimes> meter = meters.get();
        Future<Object> task = workers.submit(() -> runSnippet(ticket, doIt, meter));
        Object value;
        try {
            value = task.get();
        } catch (InterruptedException waitingInterrupted) {
            // A nested evaluation whose caller was interrupted: stop the inner snippet too.
            task.cancel(true);
            throw failed(waitingInterrupted);
        } catch (ExecutionException e) {
            throw failed(e.getCause() instanceof InvocationTargetException thrown ? thrown.getCause() : e.getCause());
        }
        if (value == null) {
            return "";
        }
        String key = UUID.randomUUID().toString();
        results.put(key, value);
        return key;
    }

    private Object runSnippet(Object ticket, Method doIt, AtomicReference<CpuTimes> meter) throws Exception {
        synchronized (running) {
            running.put(ticket, Thread.currentThread());
        }
        CpuTimes start = meter == null ? null : CpuTimes.now();
        try {
            return doIt.invoke(null);
        } finally {
            if (meter != null) {
                CpuTimes took = CpuTimes.now().minus(start);
                meter.accumulateAndGet(took, CpuTimes::plus);
            }
            synchronized (running) {
                running.remove(ticket);
            }
        }
    }

    // DirectExecutionControl turns an InvocationTargetException into the UserException JShell reports.
    private InvocationTargetException failed(Throwable cause) {
        failures.set(cause);
        return new InvocationTargetException(cause);
    }

    /**
     * JShell reads a variable through this, for a declaration's event and for
     * {@code JShell.varValue}: the value itself is kept, as {@link #invoke}'s are, under the key
     * returned instead of its text. That lets the kernel read a variable without compiling a
     * snippet (JShell's text of it would be the value's toString, of no use to anyone here).
     */
    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        Object value;
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            value = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InternalException("cannot read the variable " + varName + ": " + e);
        }
        if (value == null) {
            return "";
        }
        String key = UUID.randomUUID().toString();
        results.put(key, value);
        return key;
    }

    /** The value of the snippet that returned {@code key}; null for void snippets and null values. */
    public Object takeResult(String key) {
        return results.remove(key);
    }

    /** The exception the last snippet evaluated on this thread threw, or null. */
    public Throwable takeFailure() {
        Throwable failure = failures.get();
        failures.remove();
        return failure;
    }

    /**
     * Interrupts every running snippet. Code that checks for interruption (sleeps, waits, slim4j's
     * training and evaluation loops) stops at once; code that never checks (for example
     * {@code while (true) {}}) has its thread stopped after {@link #GRACE_BEFORE_STOP}.
     */
    public void interrupt() {
        interruptRequested.set(true);
        Set<Object> interrupted;
        synchronized (running) {
            interrupted = Set.copyOf(running.keySet());
            running.values().forEach(Thread::interrupt);
        }
        watchdog.schedule(() -> stopStillRunning(interrupted), GRACE_BEFORE_STOP.toMillis(), TimeUnit.MILLISECONDS);
    }

    // Thread.stop is the only way to end a thread that never checks for interruption, and the
    // alternative, restarting the kernel, loses every variable. Its danger is that the thread
    // dies wherever it is, possibly inside a library holding a lock or halfway through updating
    // an object; the snippet's own objects may be left inconsistent. That is the trade a user makes
    // by interrupting a cell that ignored the interruption. Thread.stop still works on Java 17.
    @SuppressWarnings({"deprecation", "removal"})
    private void stopStillRunning(Set<Object> interrupted) {
        synchronized (running) {
            // Removed here, not by the dying worker: ThreadDeath may skip the worker's own cleanup.
            interrupted.stream().map(running::remove).filter(thread -> thread != null).forEach(Thread::stop);
        }
    }

    /** Whether {@link #interrupt} was called since the last {@link #clearInterrupt}. */
    public boolean interruptRequested() {
        return interruptRequested.get();
    }

    /** Called when a new cell starts, so an interrupt aimed at an earlier cell does not stop it. */
    public void clearInterrupt() {
        interruptRequested.set(false);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        watchdog.shutdownNow();
        super.close();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
