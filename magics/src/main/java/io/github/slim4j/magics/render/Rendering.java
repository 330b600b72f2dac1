package io.github.slim4j.magics.render;

import io.github.slim4j.magics.spi.MimeBundle;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.util.Optional;

/**
 * Rich output for the values slim4j shows, for kernels that render a cell's result or a
 * {@code display(x)} call: Tablesaw tables and XChart charts.
 */
public final class Rendering {

    private Rendering() {
    }

    public static Optional<MimeBundle> toBundle(Object value) {
        if (value instanceof Table table) {
            return Optional.of(TableRendering.bundle(table));
        }
        if (value instanceof Chart<?, ?> chart) {
            return Optional.of(ChartRendering.bundle(chart, ChartFormat.PNG));
        }
        return Optional.empty();
    }
}
