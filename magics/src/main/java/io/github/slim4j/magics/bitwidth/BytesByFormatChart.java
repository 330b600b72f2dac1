package io.github.slim4j.magics.bitwidth;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.summary.StoredTensor;
import io.github.slim4j.magics.render.Charts;
import org.knowm.xchart.CategoryChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Bytes per layer as stacked bars, one colour per format, so a mixed-precision model shows where its bytes go. */
final class BytesByFormatChart {

    private static final double KIB = 1024.0;

    private BytesByFormatChart() {
    }

    static CategoryChart of(String title, List<ParamTensor> tensors, List<StoredTensor> stored) {
        Set<String> layers = new LinkedHashSet<>();
        Map<String, Map<String, Double>> kibByFormat = new LinkedHashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            String layer = tensors.get(i).layer();
            layers.add(layer);
            kibByFormat.computeIfAbsent(stored.get(i).format(), format -> new LinkedHashMap<>())
                    .merge(layer, stored.get(i).bytes() / KIB, Double::sum);
        }
        CategoryChart chart = Charts.bars(title, "layer", "storage (KiB)");
        chart.getStyler().setStacked(true);
        List<String> categories = new ArrayList<>(layers);
        kibByFormat.forEach((format, kib) -> chart.addSeries(format, categories,
                categories.stream().map(layer -> kib.getOrDefault(layer, 0.0)).toList()));
        return chart;
    }
}
