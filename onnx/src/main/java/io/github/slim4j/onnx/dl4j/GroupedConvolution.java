package io.github.slim4j.onnx.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * ONNX's grouped Conv (1 &lt; group &lt; input channels, as in ResNeXt and ShuffleNet), which DL4J's
 * convolution layers lack: the input's channels and the weight's output channels split into
 * {@code group} parts, a convolution of each part, and the results joined. A SameDiff layer, so
 * DL4J trains it, with the weight in ONNX's own layout {@code [out, in/group, kH, kW]} (OIYX).
 * Plain and depthwise convolutions go to DL4J's own layers, which are faster.
 */
public final class GroupedConvolution extends SameDiffLayer {
    private static final long serialVersionUID = 1L;

    private long nIn;
    private long nOut;
    private int groups;
    private int[] kernel;
    private int[] stride;
    private int[] padding;
    private int[] dilation;
    private boolean hasBias;

    private GroupedConvolution() {
        // For DL4J's JSON.
    }

    /** @param padding the padding on both sides of each spatial axis */
    public GroupedConvolution(long nIn, long nOut, int groups, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean hasBias) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.groups = groups;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.hasBias = hasBias;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("W", nOut, nIn / groups, kernel[0], kernel[1]);
        if (hasBias) {
            params.addBiasParam("b", nOut);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // The importer writes the initializers in right after.
        params.values().forEach(values -> values.assign(0));
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        Conv2DConfig config = new Conv2DConfig(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], dilation[0],
                dilation[1], PaddingMode.VALID, Conv2DConfig.NCHW, WeightsFormat.OIYX);
        SDVariable[] inputs = sameDiff.split(input, groups, 1);
        SDVariable[] weights = sameDiff.split(params.get("W"), groups, 0);
        SDVariable[] biases = hasBias ? sameDiff.split(params.get("b"), groups, 0) : null;
        SDVariable[] outputs = new SDVariable[groups];
        for (int g = 0; g < groups; g++) {
            outputs[g] = hasBias ? sameDiff.cnn().conv2d(inputs[g], weights[g], biases[g], config)
                    : sameDiff.cnn().conv2d(inputs[g], weights[g], config);
        }
        return sameDiff.concat(1, outputs);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) inputType;
        return InputType.convolutional(size(in.getHeight(), 0), size(in.getWidth(), 1), nOut);
    }

    private long size(long in, int axis) {
        return (in + 2L * padding[axis] - (long) dilation[axis] * (kernel[axis] - 1) - 1) / stride[axis] + 1;
    }

    @Override
    public GroupedConvolution clone() {
        return (GroupedConvolution) super.clone();
    }
}
