package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.calib.inference.FloatOutput;
import io.github.slim4j.core.calib.inference.QuantizationPoint;
import io.github.slim4j.core.calib.inference.QuantizationPoints;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The layers bias correction corrects, matched by name between a quantized network and its float
 * reference, with the quantization point each takes its input from in either network. A simulated
 * quantized network has extra fake-quantizing layers without parameters; every layer with
 * parameters must have its counterpart, of the same type and parameter shapes, in the same order.
 */
final class CorrectionTargets {
    private static final List<Class<? extends Layer>> CORRECTED = List.of(DenseLayer.class, OutputLayer.class, ConvolutionLayer.class);

    /**
     * One layer to correct.
     *
     * @param name           its name in both networks
     * @param quantizedIndex its index in the quantized network
     * @param quantizedInput the quantized network's point whose values are its input
     * @param referenceIndex its index in the reference
     * @param referenceInput the reference's point whose values are its input
     */
    record Target(String name, int quantizedIndex, String quantizedInput, int referenceIndex, String referenceInput) {
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
    static CorrectionTargets of(ModelHandle quantized, ModelHandle reference) {
        Map<String, Weighted> inQuantized = weighted(quantized);
        Map<String, Weighted> inReference = weighted(reference);
        checkMatch(List.copyOf(inQuantized.values()), List.copyOf(inReference.values()));
        QuantizationPoints quantizedPoints = QuantizationPoints.of(quantized);
        QuantizationPoints referencePoints = QuantizationPoints.of(reference);
        List<Target> targets = new ArrayList<>();
        List<SkippedLayer> skipped = new ArrayList<>();
        for (Weighted layer : inQuantized.values()) {
            Weighted counterpart = inReference.get(layer.info.name());
            Optional<String> reason = unsupportedReason(quantizedPoints.network(), layer)
                    .or(() -> inputReason(quantizedPoints, quantized, layer.info.index()))
                    .or(() -> inputReason(referencePoints, reference, counterpart.info.index()));
            if (reason.isPresent()) {
                skipped.add(new SkippedLayer(layer.info.name(), layer.info.type(), reason.get()));
            } else {
                targets.add(new Target(layer.info.name(), layer.info.index(), inputPoint(quantizedPoints, layer.info.index()).orElseThrow(),
                        counterpart.info.index(), inputPoint(referencePoints, counterpart.info.index()).orElseThrow()));
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

    private static Optional<String> unsupportedReason(MultiLayerNetwork network, Weighted layer) {
        Layer conf = network.getLayerWiseConfigurations().getConf(layer.info.index()).getLayer();
        // Exact classes: subclasses such as depthwise or transposed convolutions lay out their channels differently.
        if (!CORRECTED.contains(conf.getClass())) {
            return Optional.of(layer.info.type() + " layers are not corrected; corrected are dense, output and plain convolution layers");
        }
        boolean hasBias = conf instanceof ConvolutionLayer convolution ? convolution.hasBias()
                : conf instanceof DenseLayer dense ? dense.hasBias() : ((OutputLayer) conf).hasBias();
        return hasBias ? Optional.empty() : Optional.of("it has no bias");
    }

    /** Why the layer's input is not captured, when it is not. */
    private static Optional<String> inputReason(QuantizationPoints points, ModelHandle model, int index) {
        if (inputPoint(points, index).isPresent()) {
            return Optional.empty();
        }
        String previous = model.layers().get(index - 1).name();
        String why = points.unsupported().stream().filter(f -> f.name().equals(previous)).map(FloatOutput::reason).findFirst().orElse("");
        return Optional.of("its input, the output of " + previous + ", cannot be captured: " + why);
    }

    private static Optional<String> inputPoint(QuantizationPoints points, int index) {
        return index == 0 ? Optional.of(QuantizationPoint.INPUT) : points.atLayer(index - 1).map(QuantizationPoint::name);
    }
}
