package io.github.slim4j.magics.quantize;

import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.CategoryChart;

import java.util.List;

/**
 * SQNR per tensor as bars: every 6 dB is one bit of precision, so the bars show which tensors the
 * format serves well and which lose the most. An exactly represented tensor has infinite SQNR and
 * is drawn at the top of the others.
 */
public final class SqnrBars {

    private SqnrBars() {
    }

    public static CategoryChart of(String title, List<String> tensors, List<Double> sqnrDb) {
        CategoryChart chart = Charts.bars(title, "tensor", "SQNR (dB)");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0");
        double highestFinite = sqnrDb.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(100);
        chart.addSeries("SQNR", tensors, sqnrDb.stream().map(db -> Double.isFinite(db) ? Math.max(0, db) : highestFinite).toList());
        return chart;
    }
}
