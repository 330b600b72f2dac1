package io.github.slim4j.magics.error;

import io.github.slim4j.core.stats.Histogram;
import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;

/**
 * The reference weights' histogram with the quantization grid drawn over it: where the grid is
 * coarse against the bulk of the weights, quantization error comes from rounding; where the tails
 * reach past it, from clipping.
 */
final class GridHistogramChart {

    private static final int BINS = 120;
    private static final double FLOOR = 0.5;

    private GridHistogramChart() {
    }

    /** @param levels the values the format can represent near the weights, ascending */
    static XYChart of(String title, String tensor, INDArray reference, double[] levels) {
        XYChart chart = Charts.xy(title, "value", "count (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(FLOOR);
        Histogram histogram = Histogram.of(reference, BINS);
        double[] centers = new double[histogram.bins()];
        double[] counts = new double[histogram.bins()];
        double highest = FLOOR;
        for (int i = 0; i < histogram.bins(); i++) {
            centers[i] = histogram.binCenter(i);
            counts[i] = Math.max(histogram.count(i), FLOOR);
            highest = Math.max(highest, counts[i]);
        }
        XYSeries weights = chart.addSeries(tensor, centers, counts);
        weights.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        weights.setMarker(SeriesMarkers.NONE);
        if (levels.length > 0) {
            addGrid(chart, levels, highest);
        }
        return chart;
    }

    /** One vertical line per level, drawn as one series broken by gaps so the legend has one entry. */
    private static void addGrid(XYChart chart, double[] levels, double top) {
        double[] x = new double[levels.length * 3];
        double[] y = new double[levels.length * 3];
        for (int i = 0; i < levels.length; i++) {
            x[3 * i] = levels[i];
            y[3 * i] = FLOOR;
            x[3 * i + 1] = levels[i];
            y[3 * i + 1] = top;
            x[3 * i + 2] = Double.NaN;
            y[3 * i + 2] = Double.NaN;
        }
        XYSeries grid = chart.addSeries("quantization grid", x, y);
        grid.setMarker(SeriesMarkers.NONE);
        grid.setLineColor(new Color(220, 60, 60, 110));
    }
}
