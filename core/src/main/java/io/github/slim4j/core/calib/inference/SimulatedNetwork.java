package io.github.slim4j.core.calib.inference;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A network that simulates quantized inference, and what it quantizes.
 *
 * @param network a new network: the original's layers, parameters and weight-quantization records,
 *     with a fake-quantizing layer after each quantized layer output
 * @param input how the network input is fake-quantized, if it is
 * @param fakeQuantLayers the inserted layers, in network order
 * @param inFloat the input and layer outputs left in float, in network order, each with the reason
 */
public record SimulatedNetwork(MultiLayerNetwork network, Optional<ActivationQuantization> input, List<FakeQuantLayer> fakeQuantLayers, List<FloatOutput> inFloat) {

    public SimulatedNetwork {
        fakeQuantLayers = List.copyOf(fakeQuantLayers);
        inFloat = List.copyOf(inFloat);
    }
}
