package io.github.slim4j.onnx.channels;

import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import io.github.slim4j.onnx.proto.OnnxProto.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which channels of an ONNX graph depend on each other, as Torch-Pruning's DepGraph works them out:
 * every value's channel axis (axis 1, for NCHW images and [batch, features] alike) is a
 * {@link SpaceRef}; a convolution or matrix product makes a new space (its weight rows and bias)
 * and consumes its input's (its weight columns); batch normalization, activations, pooling and
 * dropout pass their input's space on, slicing their per-channel parameters; an element-wise
 * operation of two values joins their spaces (a residual Add); a Concat lines its inputs' spaces up;
 * a Flatten spreads each channel over its spatial positions. Whatever this cannot rewrite pins the
 * spaces it touches, with the reason: the model's input and outputs, grouped convolutions other than
 * depthwise, quantized weights, and operations it does not know.
 */
final class ChannelGraph {
    private static final Set<String> PASSING = Set.of("Relu", "Clip", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Elu",
            "Selu", "Softplus", "Dropout", "Identity", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool");
    private static final Set<String> ELEMENT_WISE = Set.of("Add", "Sub", "Mul", "Div");

    /** A tensor whose axis keeps the positions the space keeps. */
    record TensorSlice(String node, String tensor, int axis, SpaceRef space) {
    }

    /** A tensor whose slices along the axis make the space's channels: their norms rank the channels. */
    record Producer(String node, String tensor, int axis, SpaceRef.Base space) {
    }

    /** A depthwise convolution, whose group count is its number of channels. */
    record GroupCount(String node, SpaceRef space) {
    }

    /** A Reshape's constant target shape, whose entry at the position is the size of the space. */
    record ShapeEntry(String tensor, int position, SpaceRef space) {
    }

    final Spaces spaces = new Spaces();
    final Map<String, Tensor> tensors = new LinkedHashMap<>();
    final List<TensorSlice> slices = new ArrayList<>();
    final List<Producer> producers = new ArrayList<>();
    final List<GroupCount> groupCounts = new ArrayList<>();
    final List<ShapeEntry> shapeEntries = new ArrayList<>();
    private final Map<String, SpaceRef> spaceOf = new HashMap<>();
    private final Map<String, long[]> shapes;
    private final Map<String, Integer> tensorUses = new HashMap<>();
    private final Set<String> copies = new java.util.HashSet<>();

    private ChannelGraph(Map<String, long[]> shapes) {
        this.shapes = shapes;
    }

    static ChannelGraph of(ModelProto model, Map<String, long[]> shapes) {
        ChannelGraph graph = new ChannelGraph(shapes);
        graph.build(model);
        return graph;
    }

    private void build(ModelProto model) {
        for (TensorProto initializer : model.getGraph().getInitializerList()) {
            readTensor(initializer);
        }
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (node.getOpType().equals("Constant")) {
                new Attributes(node).find("value").ifPresent(value -> readTensor(value.getT().toBuilder().setName(node.getOutput(0)).build()));
            }
        }
        for (ValueInfoProto input : model.getGraph().getInputList()) {
            if (!tensors.containsKey(input.getName())) {
                long[] dims = input.getType().getTensorType().getShape().getDimList().stream().mapToLong(d -> d.getDimValue()).toArray();
                SpaceRef.Base space = spaces.create(dims.length >= 2 ? dims[1] : 1);
                spaces.pin(space, "the model's input");
                spaceOf.put(input.getName(), space);
            }
        }
        // PyTorch's exporter writes one copy of equal initializers and an Identity node for each
        // other name: such a copy is a tensor of its own here, cut for the node that reads it.
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (node.getOpType().equals("Identity") && node.getInputCount() == 1 && tensors.containsKey(node.getInput(0))) {
                tensors.put(node.getOutput(0), tensors.get(node.getInput(0)).named(node.getOutput(0)));
                copies.add(node.getOutput(0));
            }
        }
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (!isCopiedConstant(node)) {
                node.getInputList().forEach(input -> tensorUses.merge(input, 1, Integer::sum));
            }
        }
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (!node.getOpType().equals("Constant") && !isCopiedConstant(node)) {
                visit(node);
            }
        }
        for (ValueInfoProto output : model.getGraph().getOutputList()) {
            SpaceRef space = spaceOf.get(output.getName());
            if (space != null) {
                spaces.pin(space, "the model's output");
            }
        }
        pinSharedTensors();
    }

    /** An Identity of a constant tensor: PyTorch's way of naming one initializer twice. */
    boolean isCopiedConstant(NodeProto node) {
        return node.getOpType().equals("Identity") && copies.contains(node.getOutput(0));
    }

    /** The channel space of a value the graph computes, or null for constants. */
    SpaceRef spaceOf(String value) {
        return spaceOf.get(value);
    }

    private void readTensor(TensorProto tensor) {
        tensors.put(tensor.getName(), Tensor.of(tensor));
    }

    private void visit(NodeProto node) {
        String op = node.getOpType();
        if (op.equals("Conv")) {
            conv(node);
        } else if (op.equals("Gemm")) {
            gemm(node);
        } else if (op.equals("MatMul")) {
            matMul(node);
        } else if (op.equals("BatchNormalization")) {
            SpaceRef space = input(node, 0);
            for (int i = 1; i <= 4; i++) {
                slice(node, node.getInput(i), 0, space);
            }
            pass(node, space);
        } else if (PASSING.contains(op)) {
            pass(node, input(node, 0));
        } else if (ELEMENT_WISE.contains(op)) {
            elementWise(node);
        } else if (op.equals("Concat")) {
            concat(node);
        } else if (op.equals("Flatten") || op.equals("Reshape")) {
            flatten(node);
        } else {
            unknown(node, op + " '" + node.getName() + "'");
        }
    }

    private void conv(NodeProto node) {
        SpaceRef in = input(node, 0);
        Tensor weight = tensors.get(node.getInput(1));
        if (in == null || weight == null || !weight.isFloat()) {
            unknown(node, "convolution '" + node.getName() + "', whose weights are not a float initializer (quantized?)");
            return;
        }
        long groups = new Attributes(node).getInt("group", 1);
        long outChannels = weight.shape()[0];
        String bias = node.getInputCount() > 2 ? node.getInput(2) : "";
        if (groups == 1) {
            slice(node, node.getInput(1), 1, in);
            produce(node, node.getInput(1), 0, bias, outChannels);
        } else if (groups == spaces.size(in) && outChannels == groups) {
            slice(node, node.getInput(1), 0, in);
            if (!bias.isEmpty()) {
                slice(node, bias, 0, in);
            }
            groupCounts.add(new GroupCount(node.getName(), in));
            pass(node, in);
        } else {
            unknown(node, "grouped convolution '" + node.getName() + "' (" + groups + " groups)");
        }
    }

    private void gemm(NodeProto node) {
        Attributes attributes = new Attributes(node);
        SpaceRef in = input(node, 0);
        Tensor weight = tensors.get(node.getInput(1));
        if (in == null || weight == null || !weight.isFloat() || attributes.getInt("transA", 0) != 0 || weight.rank() != 2) {
            unknown(node, "Gemm '" + node.getName() + "', whose weights are not a float initializer or whose input is transposed");
            return;
        }
        boolean transposed = attributes.getInt("transB", 0) != 0;
        int outAxis = transposed ? 0 : 1;
        slice(node, node.getInput(1), 1 - outAxis, in);
        String bias = node.getInputCount() > 2 ? node.getInput(2) : "";
        Tensor biasData = bias.isEmpty() ? null : tensors.get(bias);
        if (biasData != null && biasData.count() == 1) {
            bias = "";
        } else if (!bias.isEmpty() && (biasData == null || biasData.rank() != 1)) {
            unknown(node, "Gemm '" + node.getName() + "', whose bias is not one value per output");
            return;
        }
        produce(node, node.getInput(1), outAxis, bias, weight.shape()[outAxis]);
    }

    private void matMul(NodeProto node) {
        SpaceRef in = input(node, 0);
        Tensor weight = tensors.get(node.getInput(1));
        long[] inShape = shapes.get(node.getInput(0));
        if (in == null || weight == null || !weight.isFloat() || weight.rank() != 2 || inShape == null || inShape.length != 2) {
            unknown(node, "MatMul '" + node.getName() + "', which is not a [batch, features] input times a float initializer");
            return;
        }
        slice(node, node.getInput(1), 0, in);
        produce(node, node.getInput(1), 1, "", weight.shape()[1]);
    }

    private void elementWise(NodeProto node) {
        SpaceRef a = input(node, 0);
        SpaceRef b = input(node, 1);
        if (a != null && b != null) {
            if (a instanceof SpaceRef.Base baseA && b instanceof SpaceRef.Base baseB) {
                spaces.join(baseA, baseB, node.getOpType() + " '" + node.getName() + "' of two different channel counts");
                pass(node, a);
            } else if (a.equals(b)) {
                pass(node, a);
            } else {
                unknown(node, node.getOpType() + " '" + node.getName() + "' of concatenated or flattened values");
            }
            return;
        }
        SpaceRef space = a != null ? a : b;
        String constant = node.getInput(a != null ? 1 : 0);
        if (space == null || !tensors.containsKey(constant)) {
            unknown(node, node.getOpType() + " '" + node.getName() + "'");
            return;
        }
        Tensor data = tensors.get(constant);
        long[] valueShape = shapes.get(node.getInput(a != null ? 0 : 1));
        int channelAxis = valueShape == null ? -1 : 1 - (valueShape.length - data.rank());
        if (channelAxis >= 0 && channelAxis < data.rank() && data.shape()[channelAxis] != 1) {
            if (data.shape()[channelAxis] != spaces.size(space) || !data.isFloat()) {
                unknown(node, node.getOpType() + " '" + node.getName() + "' with a constant that does not follow the channels");
                return;
            }
            slice(node, constant, channelAxis, space);
        }
        pass(node, space);
    }

    private void concat(NodeProto node) {
        long[] shape = shapes.get(node.getOutput(0));
        long axis = new Attributes(node).getInt("axis", 1);
        List<SpaceRef> parts = new ArrayList<>();
        for (int i = 0; i < node.getInputCount(); i++) {
            parts.add(input(node, i));
        }
        if (shape == null || (axis < 0 ? axis + shape.length : axis) != 1 || parts.contains(null)) {
            unknown(node, "Concat '" + node.getName() + "' along an axis other than the channels");
            return;
        }
        spaceOf.put(node.getOutput(0), new SpaceRef.Joined(parts));
    }

    /** Flatten, or a Reshape to [batch, C·H·W]: each channel spreads over its H·W positions. */
    private void flatten(NodeProto node) {
        SpaceRef in = input(node, 0);
        long[] inShape = shapes.get(node.getInput(0));
        long[] outShape = shapes.get(node.getOutput(0));
        boolean flattens = in != null && inShape != null && outShape != null && inShape.length >= 2 && outShape.length == 2
                && outShape[1] == Arrays.stream(inShape).skip(1).reduce(1, Math::multiplyExact);
        if (!flattens) {
            unknown(node, node.getOpType() + " '" + node.getName() + "' that is not a flattening to [batch, features]");
            return;
        }
        long factor = Arrays.stream(inShape).skip(2).reduce(1, Math::multiplyExact);
        SpaceRef out = factor == 1 ? in : new SpaceRef.Expanded(in, factor);
        if (node.getOpType().equals("Reshape")) {
            Tensor target = tensors.get(node.getInput(1));
            long[] wanted = target == null ? null : target.longs();
            if (wanted == null || wanted.length != 2) {
                unknown(node, "Reshape '" + node.getName() + "', whose target shape is computed");
                return;
            }
            if (wanted[1] == outShape[1]) {
                shapeEntries.add(new ShapeEntry(node.getInput(1), 1, out));
            }
        }
        spaceOf.put(node.getOutput(0), out);
    }

    private void unknown(NodeProto node, String what) {
        for (String input : node.getInputList()) {
            SpaceRef space = spaceOf.get(input);
            if (space != null) {
                spaces.pin(space, "used by " + what);
            }
        }
        for (String output : node.getOutputList()) {
            long[] shape = shapes.get(output);
            SpaceRef.Base space = spaces.create(shape != null && shape.length >= 2 ? shape[1] : 1);
            spaces.pin(space, "made by " + what);
            spaceOf.put(output, space);
        }
    }

    private SpaceRef input(NodeProto node, int index) {
        return index < node.getInputCount() ? spaceOf.get(node.getInput(index)) : null;
    }

    private void pass(NodeProto node, SpaceRef space) {
        spaceOf.put(node.getOutput(0), space);
    }

    private void produce(NodeProto node, String weight, int axis, String bias, long channels) {
        SpaceRef.Base space = spaces.create(channels);
        producers.add(new Producer(node.getName(), weight, axis, space));
        slice(node, weight, axis, space);
        if (!bias.isEmpty()) {
            slice(node, bias, 0, space);
        }
        spaceOf.put(node.getOutput(0), space);
    }

    private void slice(NodeProto node, String tensor, int axis, SpaceRef space) {
        Tensor data = tensors.get(tensor);
        if (data == null || !data.isFloat()) {
            spaces.pin(space, "parameter '" + tensor + "' of '" + node.getName() + "' is not a tensor slim4j reads");
            return;
        }
        slices.add(new TensorSlice(node.getName(), tensor, axis, space));
    }

    /** A tensor used by two nodes (shared weights) would be cut for one and wrong for the other. */
    private void pinSharedTensors() {
        for (TensorSlice slice : slices) {
            if (tensorUses.getOrDefault(slice.tensor(), 0) > 1) {
                spaces.pin(slice.space(), "tensor '" + slice.tensor() + "' is shared by several nodes");
            }
        }
    }

}
