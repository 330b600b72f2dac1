package io.github.slim4j.magics.model;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.stats.Histogram;
import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.List;

/**
 * Histograms of parameter values, one line per tensor, on a logarithmic count axis: the rare large
 * weights that decide a quantization range sit in the tails, invisible on a linear axis.
 */
final class WeightHistogramChart {

    private WeightHistogramChart() {
    }

    /**
     * A log axis has no 0, so empty bins sit on a floor below the first tick: the line drops there,
     * and a lone outlier bin in a tail still shows as a step up (a gap would hide it).
     */
    private static final double EMPTY_BIN_FLOOR = 0.5;

    static XYChart of(String title, List<MeasuredTensor> tensors, int bins) {
        XYChart chart = Charts.xy(title, "value", "count (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(EMPTY_BIN_FLOOR);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        for (MeasuredTensor measured : tensors) {
            ParamTensor tensor = measured.tensor();
            Histogram histogram = Histogram.of(tensor.values(), bins, measured.stats());
            double[] centers = new double[histogram.bins()];
            double[] counts = new double[histogram.bins()];
            for (int i = 0; i < histogram.bins(); i++) {
                centers[i] = histogram.binCenter(i);
                counts[i] = Math.max(histogram.count(i), EMPTY_BIN_FLOOR);
            }
            chart.addSeries(tensor.qualifiedName(), centers, counts).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
