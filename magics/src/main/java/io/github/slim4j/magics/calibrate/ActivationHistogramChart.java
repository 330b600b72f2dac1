package io.github.slim4j.magics.calibrate;

import io.github.slim4j.core.calib.ActivationHistogram;
import io.github.slim4j.core.calib.ActivationRange;
import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;

/**
 * A point's recorded activation histogram on a log count axis, with the chosen range drawn over
 * it: what lies outside the two lines is clipped, what lies inside is rounded to the grid.
 */
final class ActivationHistogramChart {
    /** The recorded histogram's 2048 bins, summed in groups so a chart shows 128. */
    private static final int SHOWN_BINS = 128;
    private static final double FLOOR = 0.5;

    private ActivationHistogramChart() {
    }

    static XYChart of(String title, String point, ActivationHistogram histogram, ActivationRange range) {
        XYChart chart = Charts.xy(title, "activation", "count (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(FLOOR);
        int group = Math.max(1, histogram.bins() / SHOWN_BINS);
        int shown = (histogram.bins() + group - 1) / group;
        double[] centers = new double[shown];
        double[] counts = new double[shown];
        double highest = FLOOR;
        for (int s = 0; s < shown; s++) {
            int first = s * group;
            int last = Math.min(histogram.bins(), first + group);
            double count = 0;
            for (int b = first; b < last; b++) {
                count += histogram.count(b);
            }
            centers[s] = (histogram.edge(first) + histogram.edge(last)) / 2;
            counts[s] = Math.max(count, FLOOR);
            highest = Math.max(highest, counts[s]);
        }
        XYSeries values = chart.addSeries(point, centers, counts);
        values.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        values.setMarker(SeriesMarkers.NONE);
        XYSeries bounds = chart.addSeries("chosen range", new double[] {range.min(), range.min(), Double.NaN, range.max(), range.max()},
                new double[] {FLOOR, highest, Double.NaN, FLOOR, highest});
        bounds.setMarker(SeriesMarkers.NONE);
        bounds.setLineColor(new Color(220, 60, 60));
        return chart;
    }
}
