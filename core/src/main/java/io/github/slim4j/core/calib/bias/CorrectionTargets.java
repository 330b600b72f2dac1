package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;

/**
 * The layers bias correction corrects, matched by name between a quantized network and its float
 * reference, with the output each takes its input from in either network. A simulated quantized
 * network has extra fake-quantizing layers without parameters; every layer with parameters must
 * have its counterpart, of the same type and parameter shapes, in the same order.
 */
final class CorrectionTargets {
    private static final List<Class<? extends Layer>> CORRECTED = List.of(DenseLayer.class, OutputLayer.class, ConvolutionLayer.class);

    /**
     * One layer to correct.
     *
     * @param name      its name in both networks
     * @param quantized the layer in the quantized network, and where its input comes from
     * @param reference the same in the reference
     */
    record Target(String name, Feed quantized, Feed reference) {
    }

    /**
     * A layer and its input.
     *
     * @param layer        the live layer
     * @param input        the output whose values are its input, as {@code ActivationCapture.runAt} names it
     * @param preprocessor what the network applies to those values before the layer, if anything
     */
    record Feed(org.deeplearning4j.nn.api.Layer layer, String input, Optional<InputPreProcessor> preprocessor) {

        static Feed of(NetworkLayers network, LayerInfo layer) {
            return new Feed(network.layer(layer), network.input(layer), network.preprocessor(layer));
        }
    }

    private final List<Target> targets;
    private final List<SkippedLayer> skipped;

    private CorrectionTargets(List<Target> targets, List<SkippedLayer> skipped) {
        this.targets = List.copyOf(targets);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * @throws Slim4jException naming the first layer or parameter in which the networks differ
     */
    static CorrectionTargets of(ModelHandle quantized, NetworkLayers quantizedLayers, ModelHandle reference, NetworkLayers referenceLayers) {
        Map<String, Weighted> inQuantized = weighted(quantized);
        Map<String, Weighted> inReference = weighted(reference);
        checkMatch(List.copyOf(inQuantized.values()), List.copyOf(inReference.values()));
        List<Target> targets = new ArrayList<>();
        List<SkippedLayer> skipped = new ArrayList<>();
        for (Weighted layer : inQuantized.values()) {
            LayerInfo counterpart = inReference.get(layer.info.name()).info;
            Optional<String> reason = unsupportedReason(quantizedLayers.layer(layer.info).conf().getLayer(), layer)
                    .or(() -> quantizedLayers.inputProblem(layer.info))
                    .or(() -> referenceLayers.inputProblem(counterpart));
            if (reason.isPresent()) {
                skipped.add(new SkippedLayer(layer.info.name(), layer.info.type(), reason.get()));
            } else {
                targets.add(new Target(layer.info.name(), Feed.of(quantizedLayers, layer.info), Feed.of(referenceLayers, counterpart)));
            }
        }
        return new CorrectionTargets(targets, skipped);
    }

    List<Target> targets() {
        return targets;
    }

    List<SkippedLayer> skipped() {
        return skipped;
    }

    /** A layer with parameters. */
    private record Weighted(LayerInfo info, List<ParamTensor> params) {
    }

    private static Map<String, Weighted> weighted(ModelHandle model) {
        Map<String, List<ParamTensor>> params = new LinkedHashMap<>();
        model.parameters().forEach(tensor -> params.computeIfAbsent(tensor.layer(), name -> new ArrayList<>()).add(tensor));
        Map<String, Weighted> found = new LinkedHashMap<>();
        for (LayerInfo layer : model.layers()) {
            if (params.containsKey(layer.name())) {
                found.put(layer.name(), new Weighted(layer, params.get(layer.name())));
            }
        }
        return found;
    }

    private static void checkMatch(List<Weighted> quantized, List<Weighted> reference) {
        for (int i = 0; i < Math.max(quantized.size(), reference.size()); i++) {
            if (i >= reference.size()) {
                throw mismatch("it has no weighted layer where the quantized model has " + describe(quantized.get(i)));
            }
            if (i >= quantized.size()) {
                throw mismatch("it has weighted layer " + describe(reference.get(i)) + " where the quantized model has none");
            }
            Weighted q = quantized.get(i);
            Weighted r = reference.get(i);
            if (!q.info.name().equals(r.info.name()) || !q.info.type().equals(r.info.type())) {
                throw mismatch("its weighted layer " + (i + 1) + " is " + describe(r) + ", the quantized model's is " + describe(q));
            }
            checkParams(q, r);
        }
    }

    private static void checkParams(Weighted quantized, Weighted reference) {
        for (int p = 0; p < Math.max(quantized.params.size(), reference.params.size()); p++) {
            ParamTensor q = p < quantized.params.size() ? quantized.params.get(p) : null;
            ParamTensor r = p < reference.params.size() ? reference.params.get(p) : null;
            if (q == null || r == null || !q.key().equals(r.key())) {
                throw mismatch("layer " + quantized.info.name() + " has parameters " + keys(reference) + " there, "
                        + keys(quantized) + " in the quantized model");
            }
            if (!Arrays.equals(q.shape(), r.shape())) {
                throw mismatch(q.qualifiedName() + " has shape " + Arrays.toString(r.shape()) + " there, "
                        + Arrays.toString(q.shape()) + " in the quantized model");
            }
        }
    }

    private static Slim4jException mismatch(String detail) {
        return new Slim4jException("the reference does not match the quantized model: " + detail);
    }

    private static String describe(Weighted layer) {
        return layer.info.name() + " (" + layer.info.type() + ")";
    }

    private static List<String> keys(Weighted layer) {
        return layer.params.stream().map(ParamTensor::key).toList();
    }

    private static Optional<String> unsupportedReason(Layer conf, Weighted layer) {
        // Exact classes: subclasses such as depthwise or transposed convolutions lay out their channels differently.
        if (!CORRECTED.contains(conf.getClass())) {
            return Optional.of(layer.info.type() + " layers are not corrected; corrected are dense, output and plain convolution layers");
        }
        boolean hasBias = conf instanceof ConvolutionLayer convolution ? convolution.hasBias()
                : conf instanceof DenseLayer dense ? dense.hasBias() : ((OutputLayer) conf).hasBias();
        return hasBias ? Optional.empty() : Optional.of("it has no bias");
    }
}
