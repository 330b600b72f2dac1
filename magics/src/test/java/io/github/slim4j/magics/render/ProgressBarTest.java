package io.github.slim4j.magics.render;

import io.github.slim4j.magics.InMemoryNotebook;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {

    private final InMemoryNotebook notebook = new InMemoryNotebook();
    private final AtomicLong now = new AtomicLong();
    private final MagicOutput out = new MagicOutput(notebook, ChartFormat.PNG, now::get);

    @Test
    void displaysOnceThenUpdatesTheSameOutput() {
        ProgressBar bar = out.progress("evaluating net");
        now.addAndGet(ProgressBar.MIN_INTERVAL_NANOS);
        bar.progress(5, 10, "batch 5/10");
        List<InMemoryNotebook.Shown> shown = notebook.shown();
        assertEquals(2, shown.size());
        assertFalse(shown.get(0).update());
        assertTrue(shown.get(1).update());
        assertEquals(shown.get(0).displayId(), shown.get(1).displayId());
        assertEquals("[###############---------------]  50% evaluating net: batch 5/10", shown.get(1).bundle().plain());
        assertTrue(shown.get(1).bundle().data().get("text/html").contains("<progress value=\"5\" max=\"10\""));
    }

    @Test
    void throttlesUpdatesThatComeFasterThanTheInterval() {
        ProgressBar bar = out.progress("training");
        for (int batch = 1; batch <= 100; batch++) {
            now.addAndGet(ProgressBar.MIN_INTERVAL_NANOS / 10);
            bar.progress(batch, 100, "batch " + batch);
        }
        assertEquals(1 + 10, notebook.shown().size());
    }

    @Test
    void finishFillsTheBarWithTheFinalFigureEvenRightAfterAnUpdate() {
        ProgressBar bar = out.progress("evaluating");
        bar.finish("200 examples in 0.1 s");
        String last = notebook.shown().get(notebook.shown().size() - 1).bundle().plain();
        assertEquals("[##############################] 100% evaluating: 200 examples in 0.1 s", last);
    }

    @Test
    void unknownTotalShowsAnIndeterminateBar() {
        ProgressBar bar = out.progress("reading");
        now.addAndGet(ProgressBar.MIN_INTERVAL_NANOS);
        bar.progress(3, -1, "batch 3");
        String html = notebook.shown().get(1).bundle().data().get("text/html");
        assertTrue(html.contains("<progress style="), html);
    }

    @Test
    void htmlEscapesTheDetail() {
        ProgressBar bar = out.progress("<b>x</b>");
        bar.interrupted(1, 2, "a & b");
        String html = notebook.shown().get(1).bundle().data().get("text/html");
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;: interrupted: a &amp; b"), html);
    }
}
