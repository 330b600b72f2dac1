package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.MultiLayerHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Finds what fake-quantizes in any model, for tables that tell inserted layers from the model's own. */
public final class FakeQuantLayers {
    private FakeQuantLayers() {
    }

    /**
     * The model's activation layers that fake-quantize with a {@link FakeQuantActivation} and carry
     * an inserted layer's name, in network order; empty for any other model.
     */
    public static List<FakeQuantLayer> of(ModelHandle model) {
        if (!(model instanceof MultiLayerHandle multiLayer)) {
            return List.of();
        }
        MultiLayerNetwork network = multiLayer.network();
        List<FakeQuantLayer> found = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            String name = layer.getLayerName();
            if (layer instanceof ActivationLayer activation && activation.getActivationFn() instanceof FakeQuantActivation fakeQuant
                    && name != null && name.endsWith(FakeQuantLayer.SUFFIX)) {
                String point = name.substring(0, name.length() - FakeQuantLayer.SUFFIX.length());
                found.add(new FakeQuantLayer(name, i, point, fakeQuant.quantization()));
            }
        }
        return List.copyOf(found);
    }

    /** How the model's input is fake-quantized, when its first layer's preprocessor is a {@link FakeQuantInput}. */
    public static Optional<ActivationQuantization> input(ModelHandle model) {
        return model instanceof MultiLayerHandle multiLayer
                && multiLayer.network().getLayerWiseConfigurations().getInputPreProcess(0) instanceof FakeQuantInput input
                ? Optional.of(input.fakeQuant().quantization())
                : Optional.empty();
    }
}
