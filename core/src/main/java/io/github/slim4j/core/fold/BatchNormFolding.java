package io.github.slim4j.core.fold;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Masks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalization folded into the convolution or dense layer before it, as PyTorch's
 * {@code fuse_modules} and ONNX Runtime's quantization pre-processing do before quantizing: with
 * {@code s = γ / √(var + ε)} per output channel, the layer's weights become {@code W·s} and its bias
 * {@code (b − mean)·s + β}, and the normalization layer goes. In inference the outputs are the same
 * up to float rounding; the weights to quantize are then the ones inference really uses.
 *
 * <p>A layer folds when its activation is the identity and its output feeds only the normalization.
 * DL4J cannot drop a vertex from a graph in place, so folding builds a new graph: parameters are
 * copied by vertex and key, pruning masks carry over (scaling keeps zeros zero), and an imported
 * graph's origin learns of the change. Updater state starts afresh, as the folded weights are new.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /** The pairs that would fold in the model, in graph order; none for a model that is no ComputationGraph. */
    public static List<FoldedPair> pairs(ModelHandle model) {
        return model.unwrap() instanceof ComputationGraph graph ? pairs(graph) : List.of();
    }

    /**
     * The model with its foldable pairs folded, a new graph.
     *
     * @throws Slim4jException when there is nothing to fold
     */
    public static ModelHandle fold(ModelHandle model) {
        if (!(model.unwrap() instanceof ComputationGraph graph)) {
            throw new Slim4jException("batch normalization folds only in a ComputationGraph, not a " + model.kind());
        }
        return ModelHandle.of(fold(graph));
    }

    /**
     * The reference as {@code model} sees it: a folded copy when the normalization layers the
     * reference would fold are gone from {@code model}, as after {@code %quantize}, which folds
     * before quantizing. The copy computes the same function with the same layers as {@code model},
     * so tensors and layer outputs compare one to one; the reference itself is not changed. A model
     * that still has them (fake-quantized layers may sit between a convolution and its
     * normalization) is compared with the reference as it is.
     */
    public static ModelHandle foldedLike(ModelHandle model, ModelHandle reference) {
        List<FoldedPair> foldable = pairs(reference);
        boolean foldedAway = !foldable.isEmpty() && model.unwrap() instanceof ComputationGraph graph
                && foldable.stream().noneMatch(pair -> graph.getConfiguration().getVertices().containsKey(pair.normalization()));
        return foldedAway ? fold(reference) : reference;
    }

    /** The pairs that would fold, in graph order; empty when there are none. */
    public static List<FoldedPair> pairs(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<FoldedPair> pairs = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            if (!(conf.getVertices().get(name) instanceof LayerVertex vertex)
                    || !(vertex.getLayerConf().getLayer() instanceof BatchNormalization)) {
                continue;
            }
            List<String> inputs = conf.getVertexInputs().get(name);
            if (inputs.size() != 1 || !(conf.getVertices().get(inputs.get(0)) instanceof LayerVertex previous)
                    || previous.getPreProcessor() != null) {
                continue;
            }
            boolean foldable = previous.getLayerConf().getLayer() instanceof FeedForwardLayer layer
                    && (layer instanceof ConvolutionLayer || layer instanceof DenseLayer)
                    && layer.getActivationFn() instanceof ActivationIdentity
                    && readers(conf, inputs.get(0)) == 1 && !conf.getNetworkOutputs().contains(inputs.get(0));
            if (foldable) {
                pairs.add(new FoldedPair(inputs.get(0), name));
            }
        }
        return List.copyOf(pairs);
    }

    /**
     * A new graph with every foldable pair folded; the original is not changed.
     *
     * @throws Slim4jException when there is nothing to fold
     */
    public static ComputationGraph fold(ComputationGraph graph) {
        List<FoldedPair> pairs = pairs(graph);
        if (pairs.isEmpty()) {
            throw new Slim4jException("the graph has no batch normalization right after a convolution or dense layer to fold");
        }
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        for (FoldedPair pair : pairs) {
            if (layerOf(conf, pair.layer()) instanceof ConvolutionLayer convolution) {
                convolution.setHasBias(true);
            } else {
                ((DenseLayer) layerOf(conf, pair.layer())).setHasBias(true);
            }
            for (List<String> inputs : conf.getVertexInputs().values()) {
                inputs.replaceAll(input -> input.equals(pair.normalization()) ? pair.layer() : input);
            }
            conf.getNetworkOutputs().replaceAll(output -> output.equals(pair.normalization()) ? pair.layer() : output);
            conf.getVertices().remove(pair.normalization());
            conf.getVertexInputs().remove(pair.normalization());
        }
        ComputationGraph folded = new ComputationGraph(conf);
        folded.init();
        for (Layer layer : folded.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            Layer original = graph.getLayer(name);
            original.paramTable().forEach((key, values) -> {
                INDArray target = layer.getParam(key);
                if (target != null) {
                    target.assign(values);
                }
            });
        }
        for (FoldedPair pair : pairs) {
            foldInto(folded.getLayer(pair.layer()), graph.getLayer(pair.layer()), graph.getLayer(pair.normalization()));
        }
        GraphOrigin.of(graph).ifPresent(origin -> GraphOrigin.attach(folded, origin.afterFolding(pairs)));
        Masks.restore(ModelHandle.of(folded), Masks.of(ModelHandle.of(graph)));
        return folded;
    }

    /** PyTorch's {@code fuse_conv_bn_weights}, per output channel: {@code s = γ / √(var + ε)}, {@code W·s}, {@code (b − mean)·s + β}. */
    private static void foldInto(Layer target, Layer layer, Layer normalization) {
        double eps = ((BatchNormalization) normalization.conf().getLayer()).getEps();
        INDArray gamma = normalization.getParam("gamma");
        INDArray beta = normalization.getParam("beta");
        INDArray mean = normalization.getParam("mean");
        INDArray variance = normalization.getParam("var");
        INDArray bias = layer.paramTable().get("b");
        INDArray weights = target.getParam("W");
        INDArray newBias = target.getParam("b");
        boolean dense = layer.conf().getLayer() instanceof DenseLayer;
        boolean depthwise = layer.conf().getLayer() instanceof DepthwiseConvolution2D;
        for (int c = 0; c < gamma.length(); c++) {
            float scale = (float) (gamma.getFloat(c) / Math.sqrt(variance.getFloat(c) + eps));
            outputChannel(weights, c, dense, depthwise).muli(scale);
            float b = bias == null ? 0f : bias.getFloat(c);
            newBias.putScalar(c, (b - mean.getFloat(c)) * scale + beta.getFloat(c));
        }
    }

    /**
     * The weights of one output channel, as a view: a column of DL4J's dense {@code [nIn, nOut]}, a
     * row of a convolution's {@code [nOut, nIn·kH·kW]}, a column of a depthwise convolution's
     * {@code [kH·kW, nIn·m]}, whose output channel {@code c·m + k} is filter k of input channel c.
     */
    private static INDArray outputChannel(INDArray weights, int channel, boolean dense, boolean depthwise) {
        if (dense) {
            return weights.getColumn(channel);
        }
        long[] shape = weights.shape();
        if (depthwise) {
            return weights.reshape('c', shape[0] * shape[1], shape[2] * shape[3]).getColumn(channel);
        }
        return weights.reshape('c', shape[0], weights.length() / shape[0]).getRow(channel);
    }

    private static org.deeplearning4j.nn.conf.layers.Layer layerOf(ComputationGraphConfiguration conf, String vertex) {
        return ((LayerVertex) conf.getVertices().get(vertex)).getLayerConf().getLayer();
    }

    private static int readers(ComputationGraphConfiguration conf, String vertex) {
        int readers = 0;
        for (Map.Entry<String, List<String>> entry : conf.getVertexInputs().entrySet()) {
            readers += (int) entry.getValue().stream().filter(vertex::equals).count();
        }
        return readers;
    }
}
