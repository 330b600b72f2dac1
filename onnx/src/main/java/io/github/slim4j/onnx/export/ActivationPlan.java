package io.github.slim4j.onnx.export;

import io.github.slim4j.core.calib.Calibration;
import io.github.slim4j.core.calib.Calibrations;
import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.calib.inference.FakeQuantLayer;
import io.github.slim4j.core.calib.inference.FakeQuantLayers;
import io.github.slim4j.core.calib.inference.SimulatedQuantization;
import io.github.slim4j.core.model.ModelHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The activation quantization a model carries, by quantization point, exactly as its simulation
 * quantizes: a simulated network's fake-quantized points; else the simulation its calibration's
 * last choice builds (which leaves the output layer's values in float, as the loss needs them);
 * else none, for a weights-only export.
 */
final class ActivationPlan {
    private ActivationPlan() {
    }

    static Map<String, ActivationQuantization> of(ModelHandle model, String inputName) {
        Map<String, ActivationQuantization> points = simulatedPoints(model, inputName);
        if (!points.isEmpty()) {
            return points;
        }
        Optional<Calibration> calibration = Calibrations.of(model);
        if (calibration.isEmpty()) {
            return Map.of();
        }
        Calibration c = calibration.get();
        ModelHandle simulated = SimulatedQuantization.build(model,
                ActivationQuantization.of(c.statistics().report(c.method(), c.format()), c.format())).model();
        return simulatedPoints(simulated, inputName);
    }

    private static Map<String, ActivationQuantization> simulatedPoints(ModelHandle model, String inputName) {
        Map<String, ActivationQuantization> points = new LinkedHashMap<>();
        FakeQuantLayers.input(model).ifPresent(input -> points.put(inputName, input));
        for (FakeQuantLayer layer : FakeQuantLayers.of(model)) {
            points.put(layer.point(), layer.quantization());
        }
        return points;
    }
}
