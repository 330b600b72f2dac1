package io.github.slim4j.onnx.dl4j;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ONNX's grouped Conv (1 &lt; group &lt; input channels, as in ResNeXt and ShuffleNet), which DL4J's
 * convolution layers lack: the input's channels and the weight's output channels split into
 * {@code group} parts, one DL4J convolution of each part, and the results joined. The weight is one
 * parameter in ONNX's own layout {@code [out, in/group, kH, kW]}, so it is one tensor to prune,
 * quantize and export; each group's convolution works on a copy of its slice.
 *
 * <p>Built from DL4J's own convolution rather than a SameDiff layer: DL4J 1.0.0-M2.1's SameDiff
 * layers return twice the gradient of a convolution (measured against PyTorch and finite
 * differences), which would double the learning rate of this layer and every layer before it.
 * Plain and depthwise convolutions go to DL4J's own layers directly.
 */
public final class GroupedConvolution extends FeedForwardLayer {
    private static final long serialVersionUID = 2L;

    private int groups;
    private ConvolutionLayer member;

    private GroupedConvolution() {
        // For DL4J's JSON.
    }

    /**
     * @param member the convolution of one group, with {@code nIn / groups} inputs, {@code nOut / groups}
     *     outputs and the activation the whole layer applies
     */
    public GroupedConvolution(long nIn, long nOut, int groups, ConvolutionLayer member) {
        if (groups < 2 || nIn % groups != 0 || nOut % groups != 0 || member.getNIn() != nIn / groups || member.getNOut() != nOut / groups) {
            throw new IllegalArgumentException(groups + " groups of " + member.getNIn() + " → " + member.getNOut()
                    + " channels do not make " + nIn + " → " + nOut);
        }
        this.nIn = nIn;
        this.nOut = nOut;
        this.groups = groups;
        this.member = member;
        this.activationFn = member.getActivationFn();
    }

    public int getGroups() {
        return groups;
    }

    /** The convolution of one group. */
    public ConvolutionLayer getMember() {
        return member;
    }

    public boolean hasBias() {
        return member.hasBias();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        GroupedConvolutionLayer layer = new GroupedConvolutionLayer(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> params = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return GroupedConvolutionParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional one = (InputType.InputTypeConvolutional) member.getOutputType(layerIndex,
                InputType.convolutional(((InputType.InputTypeConvolutional) inputType).getHeight(),
                        ((InputType.InputTypeConvolutional) inputType).getWidth(), member.getNIn()));
        return InputType.convolutional(one.getHeight(), one.getWidth(), nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // The channel counts come from the ONNX weight and are checked there.
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, getLayerName());
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(getLayerName(), GroupedConvolution.class, inputType, getOutputType(-1, inputType))
                .standardMemory(params, params).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public GroupedConvolution clone() {
        GroupedConvolution copy = (GroupedConvolution) super.clone();
        copy.member = member.clone();
        return copy;
    }
}
