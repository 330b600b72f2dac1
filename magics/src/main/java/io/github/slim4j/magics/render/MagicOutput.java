package io.github.slim4j.magics.render;

import io.github.slim4j.magics.spi.MimeBundle;
import io.github.slim4j.magics.spi.Notebook;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Where a magic's results go: every table, chart, note and progress bar is displayed through the
 * notebook's display channel as it is produced. (A kernel's magic transformer drops the magic's
 * return value, so nothing is left for the kernel to render afterwards.)
 */
public final class MagicOutput {

    private final Notebook notebook;
    private final ChartFormat chartFormat;
    private final LongSupplier nanoClock;

    public MagicOutput(Notebook notebook, ChartFormat chartFormat) {
        this(notebook, chartFormat, System::nanoTime);
    }

    MagicOutput(Notebook notebook, ChartFormat chartFormat, LongSupplier nanoClock) {
        this.notebook = notebook;
        this.chartFormat = chartFormat;
        this.nanoClock = nanoClock;
    }

    public void table(Table table) {
        notebook.display(TableRendering.bundle(table), Optional.empty());
    }

    /** Shows the chart in the format the user chose with {@code --chart}; nothing for none. */
    public void chart(Chart<?, ?> chart) {
        if (chartFormat != ChartFormat.NONE) {
            notebook.display(ChartRendering.bundle(chart, chartFormat), Optional.empty());
        }
    }

    /**
     * Shows charts of the same kind as one grid image, {@code columns} to a row, in PNG; in SVG,
     * which cannot be tiled here, one after another; nothing for none.
     */
    public void charts(List<? extends Chart<?, ?>> charts, int columns) {
        if (charts.size() == 1 || chartFormat == ChartFormat.SVG) {
            charts.forEach(this::chart);
        } else if (chartFormat == ChartFormat.PNG && !charts.isEmpty()) {
            notebook.display(ChartRendering.gridBundle(charts, columns), Optional.empty());
        }
    }

    /** A short note, such as what a table's rows mean. */
    public void note(String markdown) {
        notebook.display(MimeBundle.text(markdown).with(MimeBundle.TEXT_MARKDOWN, markdown), Optional.empty());
    }

    /** Starts a progress bar for {@code task}, shown at once and updated in place. */
    public ProgressBar progress(String task) {
        return new ProgressBar(notebook, task, nanoClock);
    }
}
