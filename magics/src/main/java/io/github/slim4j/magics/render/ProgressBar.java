package io.github.slim4j.magics.render;

import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Notebook;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A progress bar that lives in one output and is updated in place ({@code display_data} with a
 * display id, then {@code update_display_data}), ending in the task's final figure.
 *
 * <p>Updates are sent at most every {@link #MIN_INTERVAL_NANOS}: a batch can take a millisecond,
 * and a message per batch would flood the frontend and the saved notebook.
 */
public final class ProgressBar implements ProgressListener {

    static final long MIN_INTERVAL_NANOS = 200_000_000L;
    private static final int TEXT_WIDTH = 30;

    private final Notebook notebook;
    private final String task;
    private final LongSupplier nanoClock;
    private final String displayId = "slim4j-progress-" + UUID.randomUUID();
    private final long startNanos;
    private long lastShownNanos;

    ProgressBar(Notebook notebook, String task, LongSupplier nanoClock) {
        this.notebook = notebook;
        this.task = task;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastShownNanos = startNanos;
        notebook.display(bundle(0, -1, "starting"), Optional.of(displayId));
    }

    @Override
    public void progress(long done, long total, String detail) {
        long now = nanoClock.getAsLong();
        if (now - lastShownNanos >= MIN_INTERVAL_NANOS) {
            lastShownNanos = now;
            notebook.updateDisplay(displayId, bundle(done, total, detail));
        }
    }

    /** Fills the bar and replaces the detail with the final figure, such as "2,000 examples in 0.4 s". */
    public void finish(String figure) {
        notebook.updateDisplay(displayId, bundle(1, 1, figure));
    }

    /** Leaves the bar where it stopped and says so, with what was done before the interrupt. */
    public void interrupted(long done, long total, String figure) {
        notebook.updateDisplay(displayId, bundle(done, total, "interrupted: " + figure));
    }

    /** Finishes the bar when the work completed, else leaves it where the interrupt stopped it at {@code done} of {@code total}. */
    public void end(boolean complete, long done, long total, String figure) {
        if (complete) {
            finish(figure);
        } else {
            interrupted(done, total, figure);
        }
    }

    public double elapsedSeconds() {
        return (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    private MimeBundle bundle(long done, long total, String detail) {
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 0.0;
        String percent = total > 0 ? String.format(Locale.ROOT, "%3.0f%%", 100 * fraction) : "   ";
        int filled = (int) Math.round(fraction * TEXT_WIDTH);
        String plain = "[" + "#".repeat(filled) + "-".repeat(TEXT_WIDTH - filled) + "] " + percent + " " + task + ": " + detail;
        String value = total > 0 ? " value=\"" + done + "\" max=\"" + total + "\"" : "";
        String html = "<div style=\"font-family:monospace;white-space:nowrap\">"
                + "<progress" + value + " style=\"width:16em;vertical-align:middle\"></progress> "
                + Html.escape(percent.strip() + " " + task + ": " + detail) + "</div>";
        return MimeBundle.html(html, plain);
    }
}
