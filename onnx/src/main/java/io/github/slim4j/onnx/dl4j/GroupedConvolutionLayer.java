package io.github.slim4j.onnx.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * A {@link GroupedConvolution} at work: one DL4J convolution per group, each given its slice of the
 * weight, bias and input channels before it runs, and its gradients copied back into the slices.
 */
final class GroupedConvolutionLayer extends BaseLayer<GroupedConvolution> {
    private static final long serialVersionUID = 1L;

    private final List<Layer> members = new ArrayList<>();

    GroupedConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        GroupedConvolution grouped = (GroupedConvolution) conf.getLayer();
        // The members' arrays live as long as the layer, not in whatever workspace DL4J has open now.
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int g = 0; g < grouped.getGroups(); g++) {
                members.add(member(conf, grouped, g, dataType));
            }
        }
    }

    private static Layer member(NeuralNetConfiguration conf, GroupedConvolution grouped, int g, DataType dataType) {
        ConvolutionLayer member = grouped.getMember().clone();
        member.setLayerName(grouped.getLayerName() + "/group" + g);
        NeuralNetConfiguration memberConf = conf.clone();
        memberConf.setLayer(member);
        long params = member.initializer().numParams(member);
        // Not initialized: each run copies the group's slice of the weight in.
        Layer layer = member.instantiate(memberConf, List.of(), 0, Nd4j.create(dataType, 1, params), false, dataType);
        layer.setBackpropGradientsViewArray(Nd4j.create(dataType, 1, params));
        return layer;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray output = null;
        for (int g = 0; g < members.size(); g++) {
            Layer member = members.get(g);
            for (String key : GroupedConvolutionParams.INSTANCE.paramKeys(layerConf())) {
                member.setParam(key, GroupedConvolutionParams.group(layerConf(), paramsFlattened, key, g));
            }
            member.setInput(workspaceMgr.dup(ArrayType.ACTIVATIONS, input.get(all(), inputs(g), all(), all()), 'c'), workspaceMgr);
            INDArray part = member.activate(training, workspaceMgr);
            if (output == null) {
                output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, part.dataType(),
                        new long[] {part.size(0), layerConf().getNOut(), part.size(2), part.size(3)}, 'c');
            }
            output.get(all(), outputs(g), all(), all()).assign(part);
        }
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        for (int g = 0; g < members.size(); g++) {
            INDArray partEpsilon = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon.get(all(), outputs(g), all(), all()), 'c');
            Pair<Gradient, INDArray> part = members.get(g).backpropGradient(partEpsilon, workspaceMgr);
            for (String key : GroupedConvolutionParams.INSTANCE.paramKeys(layerConf())) {
                INDArray slice = GroupedConvolutionParams.group(layerConf(), gradientsFlattened, key, g);
                slice.assign(part.getFirst().getGradientFor(key).reshape(slice.shape()));
            }
            inputGradient.get(all(), inputs(g), all(), all()).assign(part.getSecond());
        }
        Gradient gradient = new DefaultGradient();
        for (String key : GroupedConvolutionParams.INSTANCE.paramKeys(layerConf())) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        return new Pair<>(gradient, inputGradient);
    }

    private INDArrayIndex outputs(int group) {
        long size = layerConf().getNOut() / members.size();
        return interval(group * size, (group + 1) * size);
    }

    private INDArrayIndex inputs(int group) {
        long size = layerConf().getNIn() / members.size();
        return interval(group * size, (group + 1) * size);
    }

    @Override
    public boolean hasBias() {
        return layerConf().hasBias();
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }
}
