package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.quant.Quantizations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Builds a network that simulates quantized inference of a MultiLayerNetwork: a new network whose
 * supported layer outputs are fake-quantized by inserted {@link ActivationLayer}s with a
 * {@link FakeQuantActivation}, named after the point they serve ("fc1/aq"), and whose input is
 * fake-quantized by the first layer's preprocessor ({@link FakeQuantInput}). The original is never
 * changed.
 *
 * <p>The inserted layers have no parameters, so the new network's flat parameter vector is the
 * original's, in the same order: it is copied whole, as is the updater's state, and training can go
 * on where it stopped (quantization-aware training; the fake quantization passes gradients straight
 * through). Every original layer keeps its name as {@code LayerInfo} gives it, set explicitly since
 * its index moves, so tensors keep their qualified names and the original's weight-quantization
 * records and pruning masks carry over to the new network.
 *
 * <p>The output layer's values stay in float: they feed the network's loss, which takes their log,
 * and a probability quantized to 0 would make it infinite.
 */
public final class SimulatedQuantization {
    private SimulatedQuantization() {
    }

    /**
     * @param quantizations by point name; a point without an entry stays in float
     * @throws Slim4jException when the model is not a MultiLayerNetwork, or a name is not one of its
     *     quantization points
     */
    public static SimulatedNetwork build(ModelHandle model, Map<String, ActivationQuantization> quantizations) {
        QuantizationPoints points = QuantizationPoints.of(model);
        checkNames(points, quantizations);
        MultiLayerNetwork original = points.network();
        Plan plan = new Plan(original.getLayerWiseConfigurations().clone(), quantizations);
        for (LayerInfo layer : model.layers()) {
            plan.layer(layer);
            Optional<QuantizationPoint> point = points.atLayer(layer.index());
            if (point.isPresent()) {
                plan.point(point.get());
            } else {
                points.unsupported().stream().filter(f -> f.name().equals(layer.name())).findFirst().ifPresent(plan.inFloat::add);
            }
        }
        MultiLayerNetwork simulated = plan.network();
        simulated.init(original.params().dup(), false);
        copyUpdaterState(original, simulated);
        ModelHandle copy = ModelHandle.of(simulated);
        Quantizations.restore(copy, Quantizations.of(model));
        Masks.restore(copy, Masks.of(model));
        return new SimulatedNetwork(simulated, FakeQuantLayers.input(copy), FakeQuantLayers.of(copy), plan.inFloat);
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

    /** Adam's moments and the like, which DL4J's own clone() keeps too, so that training resumes as it would have. */
    private static void copyUpdaterState(MultiLayerNetwork original, MultiLayerNetwork simulated) {
        Updater updater = original.getUpdater(false);
        if (updater != null && updater.getStateViewArray() != null) {
            simulated.getUpdater(true).getStateViewArray().assign(updater.getStateViewArray());
        }
    }

    /** The new network's layer configurations, built layer by layer from a clone of the original's. */
    private static final class Plan {
        private static final String NO_PARAMETERS = "no quantization parameters were given";
        private final MultiLayerConfiguration conf;
        private final Map<String, ActivationQuantization> quantizations;
        private final List<NeuralNetConfiguration> layers = new ArrayList<>();
        private final Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
        private final List<FloatOutput> inFloat = new ArrayList<>();

        Plan(MultiLayerConfiguration conf, Map<String, ActivationQuantization> quantizations) {
            this.conf = conf;
            this.quantizations = quantizations;
        }

        /** Keeps an original layer, under its name and with its preprocessor, which moves with it. */
        void layer(LayerInfo layer) {
            NeuralNetConfiguration layerConf = conf.getConf(layer.index());
            layerConf.getLayer().setLayerName(layer.name());
            InputPreProcessor preprocessor = conf.getInputPreProcess(layer.index());
            if (preprocessor != null) {
                preprocessors.put(layers.size(), preprocessor);
            }
            layers.add(layerConf);
        }

        /** The first layer stays first, so its preprocessor takes the input's fake quantization. */
        private void quantizeInput() {
            ActivationQuantization quantization = quantizations.get(QuantizationPoint.INPUT);
            if (quantization == null) {
                inFloat.add(0, new FloatOutput(QuantizationPoint.INPUT, QuantizationPoint.INPUT, NO_PARAMETERS));
            } else {
                preprocessors.put(0, new FakeQuantInput(new FakeQuantActivation(quantization), preprocessors.get(0)));
            }
        }

        /** Fake-quantizes the layer's point next, or records why it stays in float. */
        void point(QuantizationPoint point) {
            ActivationQuantization quantization = quantizations.get(point.name());
            if (LayerSupport.isOutput(conf.getConf(point.layerIndex()).getLayer())) {
                inFloat.add(new FloatOutput(point.name(), point.layerType(),
                        "the output layer's values feed the loss, which takes their log, so they stay float"));
            } else if (quantization == null) {
                inFloat.add(new FloatOutput(point.name(), point.layerType(), NO_PARAMETERS));
            } else {
                layers.add(fakeQuant(point, quantization));
            }
        }

        /** Global settings (seed, data type) come from the layer served; an activation layer has no parameters for the rest to matter. */
        private NeuralNetConfiguration fakeQuant(QuantizationPoint point, ActivationQuantization quantization) {
            NeuralNetConfiguration fakeQuant = conf.getConf(point.layerIndex()).clone();
            fakeQuant.clearVariables();
            fakeQuant.setLayer(new ActivationLayer.Builder().name(FakeQuantLayer.nameFor(point.name()))
                    .activation(new FakeQuantActivation(quantization)).build());
            return fakeQuant;
        }

        MultiLayerNetwork network() {
            quantizeInput();
            conf.setConfs(layers);
            conf.setInputPreProcessors(preprocessors);
            return new MultiLayerNetwork(conf);
        }
    }
}
