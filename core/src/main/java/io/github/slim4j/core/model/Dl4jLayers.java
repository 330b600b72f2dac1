package io.github.slim4j.core.model;

import io.github.slim4j.core.Slim4jException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;

/** Reads {@link LayerInfo} and {@link ParamTensor}s off initialized DL4J layers, for both network types. */
final class Dl4jLayers {
    private Dl4jLayers() {
    }

    static LayerInfo info(int index, String name, Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        OptionalLong nIn = OptionalLong.empty();
        OptionalLong nOut = OptionalLong.empty();
        // DL4J keeps 0 for "not set", e.g. on layers whose size is inferred from the input type.
        if (conf instanceof FeedForwardLayer ff) {
            nIn = ff.getNIn() > 0 ? OptionalLong.of(ff.getNIn()) : OptionalLong.empty();
            nOut = ff.getNOut() > 0 ? OptionalLong.of(ff.getNOut()) : OptionalLong.empty();
        }
        Optional<String> activation = conf instanceof BaseLayer base && base.getActivationFn() != null
                ? Optional.of(base.getActivationFn().toString())
                : Optional.empty();
        return new LayerInfo(index, name, conf.getClass().getSimpleName(), nIn, nOut, activation);
    }

    /** Appends the layer's parameter views in DL4J's own order (W before b, and so on). */
    static void addParameters(String name, Layer layer, List<ParamTensor> out) {
        String type = layer.conf().getLayer().getClass().getSimpleName();
        layer.paramTable().forEach((key, values) -> out.add(ParamTensor.named(name, key, ParamNames.ofDl4jKey(key), values,
                WeightAxes.dl4j(type, values.rank()))));
    }

    static Slim4jException notInitialized(String type) {
        return new Slim4jException("the " + type + " has not been initialized; call init() on it before using it as a model");
    }
}
