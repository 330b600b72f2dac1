package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.calib.inference.PointNetwork.InFloat;
import io.github.slim4j.core.calib.inference.PointNetwork.Point;
import io.github.slim4j.core.calib.inference.PointNetwork.Site;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.quant.Quantizations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a network that simulates quantized inference: a new network of the same kind whose
 * quantized points are fake-quantized by inserted {@code ActivationLayer}s with a
 * {@link FakeQuantActivation}, named after the point they serve ("fc1/aq"); a MultiLayerNetwork's
 * input is fake-quantized by its first layer's preprocessor ({@link FakeQuantInput}). The original
 * is never changed.
 *
 * <p>The new network has the original's parameters and updater state, so training can go on where
 * it stopped (quantization-aware training; the fake quantization passes gradients straight
 * through). Its layers keep their names, so their tensors keep their qualified names and the
 * original's weight-quantization records and pruning masks carry over; a graph keeps its origin.
 * The calibration does not: the new network's points are not the original's.
 *
 * <p>The output layer's values stay in float: they feed the network's loss, which takes their log,
 * and a probability quantized to 0 would make it infinite.
 */
public final class SimulatedQuantization {
    private static final String NO_PARAMETERS = "no quantization parameters were given";
    private static final String FEEDS_LOSS = "the output layer's values feed the loss, which takes their log, so they stay float";

    private SimulatedQuantization() {
    }

    /**
     * @param quantizations by point name; a point without an entry stays in float
     * @throws Slim4jException when the model is not a DL4J network, a name is not one of its
     *     quantization points, or a graph already has a vertex where a fake-quantizing layer would go
     */
    public static SimulatedNetwork build(ModelHandle model, Map<String, ActivationQuantization> quantizations) {
        QuantizationPoints points = QuantizationPoints.of(model);
        checkNames(points, quantizations);
        Map<String, ActivationQuantization> inserted = new LinkedHashMap<>();
        List<FloatOutput> inFloat = new ArrayList<>();
        for (Site site : points.sites()) {
            if (site instanceof InFloat unsupported) {
                inFloat.add(unsupported.output());
            } else {
                Point point = (Point) site;
                String name = point.point().name();
                ActivationQuantization quantization = quantizations.get(name);
                if (point.feedsLoss() || quantization == null) {
                    inFloat.add(new FloatOutput(name, point.point().layerType(), point.feedsLoss() ? FEEDS_LOSS : NO_PARAMETERS));
                } else {
                    inserted.put(name, quantization);
                }
            }
        }
        ModelHandle simulated = ModelHandle.of(points.network().withFakeQuantization(inserted));
        Quantizations.restore(simulated, Quantizations.of(model));
        Masks.restore(simulated, Masks.of(model));
        PointNetwork network = PointNetwork.of(simulated);
        return new SimulatedNetwork(simulated, network.fakeQuantInput(), network.fakeQuantLayers(), inFloat);
    }

    private static void checkNames(QuantizationPoints points, Map<String, ActivationQuantization> quantizations) {
        for (String name : quantizations.keySet()) {
            if (points.point(name).isPresent()) {
                continue;
            }
            Optional<FloatOutput> unsupported = points.unsupported().stream().filter(f -> f.name().equals(name)).findFirst();
            throw new Slim4jException(unsupported
                    .map(f -> "layer " + name + " has no quantization point: " + f.reason())
                    .orElse("the network has no quantization point named " + name + "; its points are " + points.names()));
        }
    }
}
