package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A MultiLayerNetwork with fake quantization put in: an activation layer after each quantized layer,
 * and the input's in the first layer's preprocessor. The inserted layers have no parameters, so the
 * new network's flat parameter vector is the original's, in the same order: it is copied whole, as
 * is the updater's state, and training goes on where it stopped. Every original layer keeps its
 * name as {@code LayerInfo} gives it, set explicitly since its index moves, so that its tensors
 * keep their qualified names.
 */
final class StackRewrite {
    private final MultiLayerConfiguration conf;
    private final List<NeuralNetConfiguration> layers = new ArrayList<>();
    private final Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();

    private StackRewrite(MultiLayerConfiguration conf) {
        this.conf = conf;
    }

    static MultiLayerNetwork build(ModelHandle model, MultiLayerNetwork original, Map<String, ActivationQuantization> points) {
        StackRewrite rewrite = new StackRewrite(original.getLayerWiseConfigurations().clone());
        for (LayerInfo layer : model.layers()) {
            rewrite.keep(layer);
            // A layer named like the input has no point of its own; the entry is the input's.
            ActivationQuantization quantization = layer.name().equals(QuantizationPoint.INPUT) ? null : points.get(layer.name());
            if (quantization != null) {
                rewrite.fakeQuantize(layer, quantization);
            }
        }
        ActivationQuantization input = points.get(QuantizationPoint.INPUT);
        if (input != null) {
            // The first layer stays first, so its preprocessor takes the input's fake quantization.
            rewrite.preprocessors.put(0, new FakeQuantInput(new FakeQuantActivation(input), rewrite.preprocessors.get(0)));
        }
        MultiLayerNetwork simulated = rewrite.network();
        simulated.init(original.params().dup(), false);
        copyUpdaterState(original, simulated);
        return simulated;
    }

    /** Keeps an original layer, under its name and with its preprocessor, which moves with it. */
    private void keep(LayerInfo layer) {
        NeuralNetConfiguration layerConf = conf.getConf(layer.index());
        layerConf.getLayer().setLayerName(layer.name());
        InputPreProcessor preprocessor = conf.getInputPreProcess(layer.index());
        if (preprocessor != null) {
            preprocessors.put(layers.size(), preprocessor);
        }
        layers.add(layerConf);
    }

    /** Global settings (seed, data type) come from the layer served; an activation layer has no parameters for the rest to matter. */
    private void fakeQuantize(LayerInfo layer, ActivationQuantization quantization) {
        NeuralNetConfiguration fakeQuant = conf.getConf(layer.index()).clone();
        fakeQuant.clearVariables();
        fakeQuant.setLayer(new ActivationLayer.Builder().name(FakeQuantLayer.nameFor(layer.name()))
                .activation(new FakeQuantActivation(quantization)).build());
        layers.add(fakeQuant);
    }

    private MultiLayerNetwork network() {
        conf.setConfs(layers);
        conf.setInputPreProcessors(preprocessors);
        return new MultiLayerNetwork(conf);
    }

    /** Adam's moments and the like, which DL4J's own clone() keeps too, so that training resumes as it would have. */
    private static void copyUpdaterState(MultiLayerNetwork original, MultiLayerNetwork simulated) {
        Updater updater = original.getUpdater(false);
        if (updater != null && updater.getStateViewArray() != null) {
            simulated.getUpdater(true).getStateViewArray().assign(updater.getStateViewArray());
        }
    }
}
