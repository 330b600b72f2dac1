package io.github.slim4j.magics.benchmark;

import io.github.slim4j.magics.render.Charts;
import io.github.slim4j.onnx.bench.Measurement;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Median latency against file size, a marker per model: down and to the left is better. */
final class BenchmarkChart {
    private BenchmarkChart() {
    }

    static XYChart of(List<Measurement> rows, int batch) {
        XYChart chart = Charts.xy("latency against size (batch " + batch + ")", "file (KiB)", "p50 latency (ms)");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        // Axes from zero, so half the latency sits half as high; headroom keeps markers off the edges.
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.15 * rows.stream().mapToDouble(row -> row.fileBytes() / 1024.0).max().orElse(1));
        chart.getStyler().setYAxisMax(1.15 * rows.stream().mapToDouble(row -> row.latencies().p50()).max().orElse(1));
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        for (Measurement row : rows) {
            chart.addSeries(row.name(), new double[] {row.fileBytes() / 1024.0}, new double[] {row.latencies().p50()});
        }
        return chart;
    }
}
