package io.github.slim4j.onnx.export;

import io.github.slim4j.core.calib.Calibration;
import io.github.slim4j.core.calib.Calibrations;
import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.calib.inference.FakeQuantLayer;
import io.github.slim4j.core.calib.inference.FakeQuantLayers;
import io.github.slim4j.core.model.ModelHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The activation quantization a model carries, by quantization point: a simulated network's
 * fake-quantized points, else the ranges its calibration chose last, else none (weights only).
 */
final class ActivationPlan {
    private ActivationPlan() {
    }

    static Map<String, ActivationQuantization> of(ModelHandle model, String inputName) {
        Map<String, ActivationQuantization> points = new LinkedHashMap<>();
        FakeQuantLayers.input(model).ifPresent(input -> points.put(inputName, input));
        for (FakeQuantLayer layer : FakeQuantLayers.of(model)) {
            points.put(layer.point(), layer.quantization());
        }
        if (!points.isEmpty()) {
            return points;
        }
        Optional<Calibration> calibration = Calibrations.of(model);
        return calibration.map(c -> ActivationQuantization.of(c.statistics().report(c.method(), c.format()), c.format()))
                .orElse(Map.of());
    }
}
