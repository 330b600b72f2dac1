package io.github.slim4j.kernel.output;

import io.github.slim4j.kernel.exec.OutputSink;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends {@code System.out} and {@code System.err} to the running cell's {@link OutputSink}.
 *
 * <p>The replacement streams are installed once per JVM and stay: libraries (loggers above all)
 * keep the {@code System.out} they found when they started, which may be during a cell, and
 * must still reach the cell that is running when they print. Between cells, text goes to the
 * streams the JVM started with, which end up in the Jupyter server's log.
 *
 * <p>Text is passed on at each line end (so {@code \r} progress lines update), when a lot has
 * accumulated, and at {@link #flush()}.
 */
public final class ConsoleRouter {

    private static ConsoleRouter installed;

    private final PrintStream out;
    private final PrintStream err;
    private volatile OutputSink target;

    // Without autoflush: an autoflushing PrintStream flushes after every print, and the routed
    // stream decides when to pass text on.
    private ConsoleRouter(PrintStream originalOut, PrintStream originalErr) {
        this.out = new PrintStream(new RoutedStream(OutputSink.Stream.STDOUT, originalOut), false, StandardCharsets.UTF_8);
        this.err = new PrintStream(new RoutedStream(OutputSink.Stream.STDERR, originalErr), false, StandardCharsets.UTF_8);
    }

    /** Replaces {@code System.out} and {@code System.err} the first time; returns the router. */
    public static synchronized ConsoleRouter install() {
        if (installed == null) {
            installed = new ConsoleRouter(System.out, System.err);
            System.setOut(installed.out);
            System.setErr(installed.err);
        }
        return installed;
    }

    /** Routes console text to {@code sink} until the returned route is closed. */
    public Route routeTo(OutputSink sink) {
        flush();
        OutputSink previous = target;
        target = sink;
        return () -> {
            flush();
            target = previous;
        };
    }

    public void flush() {
        out.flush();
        err.flush();
    }

    /** An active routing; closing it passes on what is buffered and restores the previous target. */
    @FunctionalInterface
    public interface Route extends AutoCloseable {
        @Override
        void close();
    }

    private final class RoutedStream extends OutputStream {
        private static final int PASS_ON_SIZE = 8192;

        private final OutputSink.Stream stream;
        private final PrintStream fallback;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        RoutedStream(OutputSink.Stream stream, PrintStream fallback) {
            this.stream = stream;
            this.fallback = fallback;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            if (b == '\n' || b == '\r') {
                flush();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            pending.write(bytes, offset, length);
            if (pending.size() >= PASS_ON_SIZE || endsLine(bytes, offset, length)) {
                flush();
            }
        }

        private boolean endsLine(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r') {
                    return true;
                }
            }
            return false;
        }

        @Override
        public synchronized void flush() {
            if (pending.size() == 0) {
                return;
            }
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            OutputSink sink = target;
            if (sink != null) {
                sink.stream(stream, text);
            } else {
                fallback.print(text);
                fallback.flush();
            }
        }
    }
}
