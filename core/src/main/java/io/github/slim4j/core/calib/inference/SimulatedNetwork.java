package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.model.ModelHandle;
import java.util.List;
import java.util.Optional;

/**
 * A network that simulates quantized inference, and what it quantizes.
 *
 * @param model a new network of the original's kind: its layers, parameters, weight-quantization
 *     records and masks (and a ComputationGraph's origin), with a fake-quantizing layer after each
 *     quantized output
 * @param input how a MultiLayerNetwork's input is fake-quantized, by its first layer's
 *     preprocessor, if it is; a ComputationGraph's inputs are fake-quantized by inserted layers
 * @param fakeQuantLayers the inserted layers, in network order
 * @param inFloat the inputs and outputs left in float, in network order, each with the reason
 */
public record SimulatedNetwork(ModelHandle model, Optional<ActivationQuantization> input, List<FakeQuantLayer> fakeQuantLayers,
        List<FloatOutput> inFloat) {

    public SimulatedNetwork {
        fakeQuantLayers = List.copyOf(fakeQuantLayers);
        inFloat = List.copyOf(inFloat);
    }
}
