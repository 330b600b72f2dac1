package io.github.slim4j.magics.prune;

import io.github.slim4j.core.prune.search.SearchResult;
import io.github.slim4j.core.prune.search.SearchStep;
import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.List;

/**
 * The search's path in the plane users trade in, accuracy against sparsity: every point it
 * measured, the points it moved to joined in order, and the dense model's accuracy for reference.
 */
final class SearchPathChart {

    private SearchPathChart() {
    }

    static XYChart of(String title, SearchResult result) {
        XYChart chart = Charts.xy(title, "overall sparsity (%)", "accuracy (%)");
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.#");
        List<SearchStep> measured = result.path();
        XYSeries tried = chart.addSeries("measured",
                measured.stream().mapToDouble(step -> 100 * step.overallSparsity()).toArray(),
                measured.stream().mapToDouble(step -> 100 * step.accuracy()).toArray());
        tried.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        tried.setMarkerColor(new Color(180, 180, 180));
        List<SearchStep> accepted = measured.stream().filter(SearchStep::accepted).toList();
        if (!accepted.isEmpty()) {
            XYSeries path = chart.addSeries("path",
                    accepted.stream().mapToDouble(step -> 100 * step.overallSparsity()).toArray(),
                    accepted.stream().mapToDouble(step -> 100 * step.accuracy()).toArray());
            path.setMarker(SeriesMarkers.CIRCLE);
        }
        double lowest = measured.stream().mapToDouble(step -> 100 * step.overallSparsity()).min().orElse(0);
        double highest = measured.stream().mapToDouble(step -> 100 * step.overallSparsity()).max().orElse(100);
        XYSeries dense = chart.addSeries("dense model", new double[] {lowest, Math.max(highest, lowest + 1)},
                new double[] {100 * result.baselineAccuracy(), 100 * result.baselineAccuracy()});
        dense.setMarker(SeriesMarkers.NONE);
        dense.setLineColor(Color.DARK_GRAY);
        return chart;
    }
}
