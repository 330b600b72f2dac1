package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.model.ModelHandle;
import java.util.List;
import java.util.Optional;

/** Finds what fake-quantizes in any model, for tables that tell inserted layers from the model's own. */
public final class FakeQuantLayers {
    private FakeQuantLayers() {
    }

    /**
     * The model's activation layers that fake-quantize with a {@link FakeQuantActivation} and carry
     * an inserted layer's name, in network order; empty for a model that is not a DL4J network.
     */
    public static List<FakeQuantLayer> of(ModelHandle model) {
        return model.isNetwork() ? PointNetwork.of(model).fakeQuantLayers() : List.of();
    }

    /**
     * How the model's input is fake-quantized when a preprocessor does it: a MultiLayerNetwork's
     * first layer's {@link FakeQuantInput}. A ComputationGraph's inputs are fake-quantized by
     * inserted layers, which {@link #of} finds.
     */
    public static Optional<ActivationQuantization> input(ModelHandle model) {
        return model.isNetwork() ? PointNetwork.of(model).fakeQuantInput() : Optional.empty();
    }
}
