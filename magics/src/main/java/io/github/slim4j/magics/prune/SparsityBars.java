package io.github.slim4j.magics.prune;

import io.github.slim4j.core.prune.TensorPruning;
import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.CategoryChart;

import java.util.List;

/** Sparsity per tensor as bars: as it is, or before and after a prune side by side. */
public final class SparsityBars {

    private SparsityBars() {
    }

    public static CategoryChart of(String title, List<String> tensors, List<Double> sparsities) {
        CategoryChart chart = empty(title);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("sparsity", tensors, percent(sparsities));
        return chart;
    }

    static CategoryChart beforeAndAfter(String title, List<TensorPruning> tensors) {
        CategoryChart chart = empty(title);
        List<String> names = tensors.stream().map(TensorPruning::tensor).toList();
        chart.addSeries("before", names, percent(tensors.stream().map(TensorPruning::sparsityBefore).toList()));
        chart.addSeries("after", names, percent(tensors.stream().map(TensorPruning::sparsityAfter).toList()));
        return chart;
    }

    private static CategoryChart empty(String title) {
        CategoryChart chart = Charts.bars(title, "tensor", "sparsity (%)");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setYAxisDecimalPattern("0");
        return chart;
    }

    private static List<Double> percent(List<Double> fractions) {
        return fractions.stream().map(fraction -> 100 * fraction).toList();
    }
}
