package io.github.slim4j.magics.sensitivity;

import io.github.slim4j.core.prune.sensitivity.SensitivityPoint;
import io.github.slim4j.core.prune.sensitivity.SensitivityResult;
import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Accuracy against sparsity, one line per tensor, as Distiller draws its sensitivity analysis. */
final class SensitivityChart {

    private SensitivityChart() {
    }

    static XYChart of(String title, SensitivityResult result) {
        XYChart chart = Charts.xy(title, "sparsity of that tensor alone (%)", "accuracy (%)");
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.#");
        Map<String, List<SensitivityPoint>> byTensor = result.points().stream()
                .collect(Collectors.groupingBy(SensitivityPoint::tensor, LinkedHashMap::new, Collectors.toList()));
        byTensor.forEach((tensor, points) -> chart.addSeries(tensor,
                        points.stream().mapToDouble(point -> 100 * point.sparsity()).toArray(),
                        points.stream().mapToDouble(point -> 100 * point.accuracy()).toArray())
                .setMarker(SeriesMarkers.CIRCLE));
        return chart;
    }
}
