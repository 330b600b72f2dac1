package io.github.slim4j.kernel.timing;

import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.kernel.runtime.Handoff;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.render.ChartFormat;
import io.github.slim4j.magics.render.MagicOutput;
import io.github.slim4j.magics.render.ProgressBar;
import io.github.slim4j.magics.spi.Notebook;
import io.github.slim4j.magics.spi.Variable;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs {@code %time}, {@code %%time}, {@code %timeit} and {@code %%timeit}, printing what IPython
 * prints, through the kernel's {@link TimedCode}.
 */
public final class TimingMagics {

    public static final Set<String> NAMES = Set.of("time", "timeit");

    private final TimedCode code;
    private final Notebook notebook;
    private final Consumer<String> printed;
    private final LongSupplier nanoClock;

    /**
     * @param notebook shows {@code %timeit}'s progress bar
     * @param printed  where the report goes, a line at a time; the kernel prints it as the cell's
     *                 standard output, as IPython does
     */
    public TimingMagics(TimedCode code, Notebook notebook, Consumer<String> printed, LongSupplier nanoClock) {
        this.code = code;
        this.notebook = notebook;
        this.printed = printed;
        this.nanoClock = nanoClock;
    }

    /** {@code %time CODE}: the code's value, or null. */
    public Object time(String line) throws Exception {
        return timeCode(TimingSyntax.timeStatement(line));
    }

    /** {@code %timeit [options] CODE}: the result with {@code -o}, else null. */
    public TimeitResult timeit(String line) throws Exception {
        return measure(TimingSyntax.timeitLine(line));
    }

    /** A cell that starts with {@code %%name firstLine}. */
    public Object cell(String name, String firstLine, String body) throws Exception {
        return switch (name) {
            case "time" -> {
                if (!firstLine.isBlank()) {
                    throw new MagicException("%time: nothing may follow %%time on its line, got '" + firstLine.strip()
                            + "'; put the code on the lines below");
                }
                yield timeCode(TimingSyntax.timeStatement(body));
            }
            case "timeit" -> measure(TimingSyntax.timeitCell(firstLine, body));
            default -> throw new MagicException("unknown cell magic %%" + name + "; the cell magics are %%time and %%timeit");
        };
    }

    private Object timeCode(String statement) throws Exception {
        TimedCode.Timed run = code.evaluateTimed(statement);
        run.running().report(run.compileSeconds()).forEach(this::print);
        return run.value();
    }

    private TimeitResult measure(TimingSyntax.TimeitRequest request) throws Exception {
        String token = UUID.randomUUID().toString();
        long compileStart = nanoClock.getAsLong();
        Variable claimed;
        try {
            code.evaluate(LoopSource.of(token, request.setup(), request.statement()));
        } finally {
            // Claimed even when compiling failed, so nothing is left behind under the token.
            claimed = Handoff.claim(token);
        }
        double compileSeconds = (nanoClock.getAsLong() - compileStart) / 1e9;
        TimedLoop loop = (TimedLoop) ((Variable.Present) claimed).value();
        // The runs take seconds, so they show progress as the other long magics do; -q shows nothing.
        ProgressBar bar = request.quiet() ? null : new MagicOutput(notebook, ChartFormat.NONE).progress("timeit");
        Timeit.Outcome outcome = new Timeit(nanoClock).measure(loop, request.loops(), request.repeat(), request.precision(), compileSeconds,
                bar == null ? ProgressListener.NONE : bar);
        if (bar != null) {
            int runs = outcome.result().map(TimeitResult::repeat).orElse(0);
            long loops = outcome.result().map(TimeitResult::loops).orElse(0L);
            bar.end(!outcome.interrupted(), runs, request.repeat(), String.format(Locale.ROOT, "%d run%s of %,d loop%s in %.1f s",
                    runs, runs == 1 ? "" : "s", loops, loops == 1 ? "" : "s", bar.elapsedSeconds()));
            report(outcome, compileSeconds);
        }
        if (outcome.interrupted()) {
            // As the other magics stop: one line saying what was kept, here the runs printed.
            throw new MagicException(outcome.result()
                    .map(result -> "%timeit: interrupted after " + result.repeat() + " of " + outcome.runsAsked() + " runs"
                            + (request.quiet() ? "" : "; the times shown are of those"))
                    .orElse("%timeit: interrupted before the first run finished; nothing was measured"));
        }
        return request.returnResult() ? outcome.result().orElseThrow() : null;
    }

    private void report(Timeit.Outcome outcome, double compileSeconds) {
        outcome.result().ifPresent(result -> {
            if (!result.cachingWarning().isEmpty()) {
                print(result.cachingWarning());
            }
            print(result.toString());
        });
        if (compileSeconds > 0.1) {
            print(String.format(Locale.ROOT, "Compiler time: %.2f s", compileSeconds));
        }
    }

    private void print(String line) {
        printed.accept(line + "\n");
    }
}
