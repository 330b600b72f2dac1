package io.github.slim4j.onnx.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link GroupedConvolution}: the weight {@code W} in ONNX's layout
 * {@code [out, in/group, kH, kW]}, then the bias {@code b} {@code [out]} when it has one. Both start
 * at zero: the importer writes the initializers in.
 */
final class GroupedConvolutionParams implements ParamInitializer {
    static final GroupedConvolutionParams INSTANCE = new GroupedConvolutionParams();
    static final String WEIGHT = "W";
    static final String BIAS = "b";

    private GroupedConvolutionParams() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GroupedConvolution grouped = (GroupedConvolution) layer;
        return weights(grouped) + (grouped.hasBias() ? grouped.getNOut() : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return ((GroupedConvolution) layer).hasBias() ? List.of(WEIGHT, BIAS) : List.of(WEIGHT);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return ((GroupedConvolution) layer).hasBias() ? List.of(BIAS) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        if (initializeParams) {
            paramsView.assign(0);
        }
        return views(conf, paramsView);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf, gradientView);
    }

    /** Views into the flat array, which DL4J gives as a row [1, n]. */
    private static Map<String, INDArray> views(NeuralNetConfiguration conf, INDArray flat) {
        GroupedConvolution grouped = (GroupedConvolution) conf.getLayer();
        ConvolutionLayer member = grouped.getMember();
        long weights = weights(grouped);
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(WEIGHT, slice(flat, 0, weights).reshape('c', grouped.getNOut(), member.getNIn(),
                member.getKernelSize()[0], member.getKernelSize()[1]));
        if (grouped.hasBias()) {
            views.put(BIAS, slice(flat, weights, weights + grouped.getNOut()));
        }
        return views;
    }

    /**
     * One group's part of the weight {@code [out/group, in/group, kH, kW]}, or of the bias, as a view
     * into the flat parameters or gradients. Taken from the flat row, as DL4J's own initializers
     * take their views: ND4J 1.0.0-M2.1's {@code get} of a slice of the reshaped weight view gives an
     * array without a buffer for every group but the first.
     */
    static INDArray group(GroupedConvolution grouped, INDArray flat, String key, int group) {
        ConvolutionLayer member = grouped.getMember();
        long outputs = member.getNOut();
        if (key.equals(BIAS)) {
            long start = weights(grouped) + group * outputs;
            return slice(flat, start, start + outputs);
        }
        long size = outputs * member.getNIn() * member.getKernelSize()[0] * member.getKernelSize()[1];
        return slice(flat, group * size, (group + 1) * size).reshape('c', outputs, member.getNIn(), member.getKernelSize()[0],
                member.getKernelSize()[1]);
    }

    private static INDArray slice(INDArray flat, long from, long to) {
        return flat.rank() == 2 ? flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, to)) : flat.get(NDArrayIndex.interval(from, to));
    }

    private static long weights(GroupedConvolution grouped) {
        ConvolutionLayer member = grouped.getMember();
        return grouped.getNOut() * member.getNIn() * member.getKernelSize()[0] * member.getKernelSize()[1];
    }
}
