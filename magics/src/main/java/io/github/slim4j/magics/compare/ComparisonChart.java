package io.github.slim4j.magics.compare;

import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.List;

/**
 * The picture of a comparison: accuracy against storage when models were evaluated (up and to the
 * left is better), otherwise storage per model.
 */
final class ComparisonChart {

    private static final double KIB = 1024.0;

    private ComparisonChart() {
    }

    static Chart<?, ?> of(List<ComparisonRow> rows) {
        return rows.stream().anyMatch(row -> row.evaluation().isPresent()) ? accuracyAgainstSize(rows) : sizes(rows);
    }

    private static XYChart accuracyAgainstSize(List<ComparisonRow> rows) {
        XYChart chart = Charts.xy("accuracy against storage", "storage (KiB)", "accuracy (%)");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
        // Whole axes from zero, so a model half the size sits half as far out; headroom keeps the
        // largest model's marker off the plot's edge.
        double largest = rows.stream().mapToDouble(row -> row.summary().storageBytes() / KIB).max().orElse(1);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.15 * largest);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisDecimalPattern("0");
        for (ComparisonRow row : rows) {
            row.evaluation().ifPresent(result -> chart.addSeries(row.name(),
                    new double[] {row.summary().storageBytes() / KIB}, new double[] {100 * result.accuracy()}));
        }
        return chart;
    }

    private static CategoryChart sizes(List<ComparisonRow> rows) {
        CategoryChart chart = Charts.bars("storage per model", "model", "storage (KiB)");
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("storage",
                rows.stream().map(ComparisonRow::name).toList(),
                rows.stream().map(row -> row.summary().storageBytes() / KIB).toList());
        return chart;
    }
}
