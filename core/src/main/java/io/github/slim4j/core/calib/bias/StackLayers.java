package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.calib.inference.FloatOutput;
import io.github.slim4j.core.calib.inference.QuantizationPoint;
import io.github.slim4j.core.calib.inference.QuantizationPoints;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A MultiLayerNetwork's layers: each reads the previous layer's point, the first the input's. */
final class StackLayers implements NetworkLayers {
    private final ModelHandle model;
    private final MultiLayerNetwork network;
    private final QuantizationPoints points;

    StackLayers(ModelHandle model, MultiLayerNetwork network) {
        this.model = model;
        this.network = network;
        this.points = QuantizationPoints.of(model);
    }

    @Override
    public Layer layer(LayerInfo layer) {
        return network.getLayer(layer.index());
    }

    @Override
    public Optional<InputPreProcessor> preprocessor(LayerInfo layer) {
        return Optional.ofNullable(network.getLayerWiseConfigurations().getInputPreProcess(layer.index()));
    }

    @Override
    public Optional<String> inputProblem(LayerInfo layer) {
        if (inputPoint(layer).isPresent()) {
            return Optional.empty();
        }
        String previous = model.layers().get(layer.index() - 1).name();
        String why = points.unsupported().stream().filter(f -> f.name().equals(previous)).map(FloatOutput::reason).findFirst().orElse("");
        return Optional.of("its input, the output of " + previous + ", cannot be captured: " + why);
    }

    @Override
    public String input(LayerInfo layer) {
        return inputPoint(layer).orElseThrow();
    }


    private Optional<String> inputPoint(LayerInfo layer) {
        return layer.index() == 0 ? Optional.of(QuantizationPoint.INPUT) : points.atLayer(layer.index() - 1).map(QuantizationPoint::name);
    }
}
