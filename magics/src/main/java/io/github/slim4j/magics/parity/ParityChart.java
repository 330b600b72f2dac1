package io.github.slim4j.magics.parity;

import io.github.slim4j.magics.render.Charts;
import io.github.slim4j.onnx.parity.ParityReport;
import io.github.slim4j.onnx.parity.PointParity;
import java.util.List;
import org.knowm.xchart.CategoryChart;

/** The share of codes off by a step or more at each quantized activation, in percent. */
final class ParityChart {
    private ParityChart() {
    }

    static CategoryChart of(String title, ParityReport report) {
        CategoryChart chart = Charts.bars(title, "quantized activation", "codes off by ≥ 1 step (%)");
        chart.getStyler().setYAxisMin(0.0);
        List<String> points = report.points().stream().map(PointParity::value).toList();
        chart.addSeries("layer alone", points, report.points().stream().map(p -> 100 * p.isolatedShare()).toList());
        chart.addSeries("end to end", points, report.points().stream().map(p -> 100 * p.chainedShare()).toList());
        return chart;
    }
}
