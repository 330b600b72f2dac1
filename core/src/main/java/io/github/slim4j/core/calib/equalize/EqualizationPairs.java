package io.github.slim4j.core.calib.equalize;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.GraphHandle;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.MultiLayerHandle;
import io.github.slim4j.core.network.GraphWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/**
 * The layers of a network that cross-layer equalization can rescale: a dense or convolution layer
 * whose activation is positive homogeneous, {@code f(x / s) = f(x) / s} for {@code s > 0} (ReLU
 * without a cap or threshold, leaky ReLU, identity), followed, with no preprocessor between, by a
 * layer of the same kind (dense or output after dense, convolution after convolution) that reads
 * its channels one to one. Dividing the first layer's output channel by s and multiplying the
 * second's input channel by s then leaves the function unchanged.
 *
 * <p>In a MultiLayerNetwork the second layer is the next one. In a ComputationGraph activation
 * layers may stand between the two, and must be positive homogeneous too; the first layer's
 * output must reach nothing but the second layer, or the rescaled channels would reach the other
 * readers (a residual Add, say). A batch normalization between them is not rescaled: it must be
 * folded into the first layer first.
 *
 * <p>Convolution followed by dense through a flattening preprocessor is left out: each channel
 * spreads over many dense inputs, which the rescaling would have to follow through the
 * preprocessor's layout.
 */
final class EqualizationPairs {

    /** A pair that can be equalized: the live layers and their names. */
    record Pair(String firstName, org.deeplearning4j.nn.api.Layer first, String secondName, org.deeplearning4j.nn.api.Layer second,
            boolean convolution) {
    }

    /** A live layer under its name. */
    private record Named(String name, org.deeplearning4j.nn.api.Layer layer) {

        Layer conf() {
            return layer.conf().getLayer();
        }
    }

    /**
     * A weighted layer, what stands between it and the next weighted layer, and that layer: a pair
     * if nothing stops it.
     *
     * @param between      the activation and batch-normalization layers between them, in order
     * @param readers      other vertices (or the graph's output) that read the first layer's or a
     *                     layer between's output
     * @param preprocessed whether a preprocessor sits in front of the second layer or one between
     */
    private record Candidate(Named first, List<Named> between, Named second, List<String> readers, boolean preprocessed) {
    }

    private final List<Pair> pairs = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    /**
     * @throws Slim4jException when the model is not a DL4J network
     */
    static EqualizationPairs of(ModelHandle model) {
        EqualizationPairs found = new EqualizationPairs();
        if (model instanceof MultiLayerHandle multiLayer) {
            stackCandidates(multiLayer.network(), model.layers()).forEach(found::take);
        } else if (model instanceof GraphHandle graph) {
            graphCandidates(GraphWiring.of(graph.graph())).forEach(found::take);
        } else {
            String kind = model.kind();
            throw new Slim4jException("cross-layer equalization needs a DL4J network (MultiLayerNetwork or ComputationGraph), not "
                    + ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind);
        }
        return found;
    }

    List<Pair> pairs() {
        return pairs;
    }

    List<String> skipped() {
        return skipped;
    }

    /** Each layer and the next, named as {@code ModelHandle.layers()} names them. */
    private static List<Candidate> stackCandidates(MultiLayerNetwork net, List<LayerInfo> layers) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i + 1 < net.getnLayers(); i++) {
            candidates.add(new Candidate(new Named(layers.get(i).name(), net.getLayer(i)), List.of(),
                    new Named(layers.get(i + 1).name(), net.getLayer(i + 1)), List.of(),
                    net.getLayerWiseConfigurations().getInputPreProcess(i + 1) != null));
        }
        return candidates;
    }

    /** Each layer vertex with the weighted layer behind it, if there is one. */
    private static List<Candidate> graphCandidates(GraphWiring wiring) {
        List<Candidate> candidates = new ArrayList<>();
        for (String name : wiring.order()) {
            if (wiring.layer(name).isPresent()) {
                candidateBehind(wiring, name).ifPresent(candidates::add);
            }
        }
        return candidates;
    }

    /** Walks back from the second layer through activation and batch-normalization layers to the layer before them. */
    private static Optional<Candidate> candidateBehind(GraphWiring wiring, String second) {
        List<String> chain = new ArrayList<>(List.of(second));
        String previous = wiring.inputs(second).get(0);
        Optional<Layer> layer = wiring.layer(previous);
        while (layer.isPresent() && (layer.get() instanceof ActivationLayer || layer.get() instanceof BatchNormalization)) {
            chain.add(0, previous);
            previous = wiring.inputs(previous).get(0);
            layer = wiring.layer(previous);
        }
        if (layer.isEmpty()) {
            return Optional.empty();
        }
        chain.add(0, previous);
        List<String> readers = new ArrayList<>();
        boolean preprocessed = false;
        for (int i = 0; i + 1 < chain.size(); i++) {
            String next = chain.get(i + 1);
            wiring.consumers(chain.get(i)).stream().filter(reader -> !reader.equals(next)).forEach(readers::add);
            if (wiring.isNetworkOutput(chain.get(i))) {
                readers.add("the graph's output");
            }
            preprocessed |= wiring.preprocessor(next).isPresent();
        }
        ComputationGraph graph = wiring.graph();
        List<Named> between = chain.subList(1, chain.size() - 1).stream().map(name -> new Named(name, graph.getLayer(name))).toList();
        return Optional.of(new Candidate(new Named(previous, graph.getLayer(previous)), between, new Named(second, graph.getLayer(second)),
                readers, preprocessed));
    }

    /** Records the candidate as a pair or as skipped, when both ends are layers equalization works on. */
    private void take(Candidate candidate) {
        Layer first = candidate.first().conf();
        Layer second = candidate.second().conf();
        if (!weighted(first) || !(weighted(second) || second.getClass() == OutputLayer.class)) {
            return;
        }
        String names = candidate.first().name() + " → " + candidate.second().name();
        String reason = reasonToSkip(candidate);
        if (reason == null) {
            pairs.add(new Pair(candidate.first().name(), candidate.first().layer(), candidate.second().name(), candidate.second().layer(),
                    first instanceof ConvolutionLayer));
        } else {
            skipped.add(names + ": " + reason);
        }
    }

    /** Plain dense and convolution layers; subclasses (depthwise, separable, deconvolution) lay channels out otherwise. */
    private static boolean weighted(Layer layer) {
        return layer.getClass() == DenseLayer.class || layer.getClass() == ConvolutionLayer.class;
    }

    /** Why the pair cannot be equalized, or null when it can. */
    private static String reasonToSkip(Candidate candidate) {
        Named first = candidate.first();
        if (!positiveHomogeneous(((BaseLayer) first.conf()).getActivationFn())) {
            return notHomogeneous(first.name(), ((BaseLayer) first.conf()).getActivationFn());
        }
        for (Named between : candidate.between()) {
            if (between.conf() instanceof BatchNormalization) {
                return between.name() + " (BatchNormalization) sits between them; fold batch normalization first";
            }
            IActivation activation = ((ActivationLayer) between.conf()).getActivationFn();
            if (!positiveHomogeneous(activation)) {
                return notHomogeneous(between.name(), activation);
            }
        }
        if (!candidate.readers().isEmpty()) {
            return "the channels between them also reach " + String.join(", ", candidate.readers())
                    + " (a branch, such as a residual Add), which the rescaling would change";
        }
        if (candidate.preprocessed()) {
            return "a preprocessor sits between them";
        }
        Layer firstConf = first.conf();
        Layer second = candidate.second().conf();
        boolean convolutions = firstConf instanceof ConvolutionLayer && second instanceof ConvolutionLayer;
        boolean denses = firstConf instanceof DenseLayer && !(second instanceof ConvolutionLayer);
        if (!convolutions && !denses) {
            return "a " + firstConf.getClass().getSimpleName() + " and a " + second.getClass().getSimpleName() + " do not share channels one to one";
        }
        return null;
    }

    private static String notHomogeneous(String layer, IActivation activation) {
        return layer + "'s activation " + activation + " is not positive homogeneous (relu, leaky relu or identity)";
    }

    private static boolean positiveHomogeneous(IActivation activation) {
        if (activation instanceof ActivationReLU relu) {
            return relu.getMax() == null && (relu.getThreshold() == null || relu.getThreshold() == 0.0);
        }
        return activation instanceof ActivationLReLU || activation instanceof ActivationIdentity;
    }
}
