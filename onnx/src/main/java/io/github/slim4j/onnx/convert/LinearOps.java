package io.github.slim4j.onnx.convert;

import io.github.slim4j.core.model.ParamKind;
import io.github.slim4j.core.model.WeightAxes;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.dl4j.GroupedConvolution;
import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The layers with weights: Conv (plain and depthwise), Gemm and MatMul by a constant. Each takes
 * over the activation after it, and Gemm/MatMul without a bias the {@code Add} of a constant bias
 * after them (the way tf2onnx writes dense layers), when nothing else reads the value in between.
 */
final class LinearOps {
    /** ONNX's Conv weight {@code [out, in/group, kH, kW]} and Gemm's {@code [out, in]}: inputs on axis 1. */
    private static final WeightAxes OUT_IN = new WeightAxes(1, 0);
    /** MatMul's and transB = 0 Gemm's {@code [in, out]}. */
    private static final WeightAxes IN_OUT = new WeightAxes(0, 1);
    private static final ParamLayout SAME = new ParamLayout.Same();

    private LinearOps() {
    }

    static void conv(NodeProto node, Conversion conversion) {
        Value.Activation x = conversion.activation(node, 0);
        if (x.rank() != 4) {
            throw Conversion.error(node, "input has shape " + x.describeShape() + "; slim4j imports 2-D convolutions of [batch, C, H, W] images");
        }
        TensorData weight = conversion.constant(node, 1, "weight");
        if (weight.rank() != 4 || weight.count() == 0) {
            throw Conversion.error(node, "weight '" + weight.name() + "' has shape " + Arrays.toString(weight.shape()) + ", expected [out, in/group, kH, kW]");
        }
        Attributes attributes = conversion.attributes(node);
        long group = attributes.getInt("group", 1);
        long channels = x.dim(1);
        long out = weight.shape()[0];
        long[] kernel = {weight.shape()[2], weight.shape()[3]};
        if (group < 1 || group > channels || out % group != 0) {
            throw Conversion.error(node, "group " + group + " does not divide the " + channels + " input and " + out + " output channels");
        }
        if (channels != weight.shape()[1] * group) {
            throw Conversion.error(node, "weight '" + weight.name() + "' has shape " + Arrays.toString(weight.shape()) + " for " + channels
                    + " input channels in " + group + " group(s)");
        }
        SpatialAttributes window = SpatialAttributes.of(node, conversion, kernel, x.dim(2), x.dim(3));
        String name = conversion.vertexName(node);
        String input = x.vertex();
        long height = x.dim(2);
        long width = x.dim(3);
        if (!window.symmetric()) {
            // DL4J pads both sides alike; uneven padding (tf2onnx's SAME) goes into a padding layer first.
            input = conversion.addHelperLayer(conversion.unique(name + "/pad"), window.paddingLayer(), input);
            height += window.padBegin()[0] + window.padEnd()[0];
            width += window.padBegin()[1] + window.padEnd()[1];
            window = window.unpadded();
        }
        Optional<TensorData> bias = conversion.hasInput(node, 2) ? Optional.of(conversion.constant(node, 2, "bias")) : Optional.empty();
        Activations.Fused activation = Activations.fuseAfter(node.getOutput(0), conversion);
        Layer layer;
        ParamLayout weightLayout = SAME;
        if (group == channels && group != 1) {
            layer = new DepthwiseConvolution2D.Builder(window.kernelInts()).stride(window.strideInts()).dilation(window.dilationInts())
                    .padding(window.padInts()).convolutionMode(ConvolutionMode.Truncate).dataFormat(CNN2DFormat.NCHW)
                    .depthMultiplier((int) (out / channels)).nIn(channels).nOut(out).hasBias(bias.isPresent())
                    .activation(activation.function()).build();
            weightLayout = new ParamLayout.Depthwise();
        } else {
            ConvolutionLayer convolution = new ConvolutionLayer.Builder(window.kernelInts()).stride(window.strideInts())
                    .dilation(window.dilationInts()).padding(window.padInts()).convolutionMode(ConvolutionMode.Truncate)
                    .dataFormat(CNN2DFormat.NCHW).nIn(channels / group).nOut(out / group).hasBias(bias.isPresent())
                    .activation(activation.function()).build();
            layer = group == 1 ? convolution : new GroupedConvolution(channels, out, (int) group, convolution);
        }
        long[] shape = {Value.Activation.BATCH, out, window.output(0, height, false), window.output(1, width, false)};
        conversion.addLayer(name, layer, input, activation.output(), shape,
                layerInfo(name, node, activation, "Conv", channels, out));
        conversion.bind(weight, name, "W", weightLayout, ParamKind.WEIGHT, OUT_IN);
        bias.ifPresent(b -> conversion.bind(b, name, "b", layoutOf(b, out), ParamKind.BIAS, WeightAxes.NONE));
    }

    static void gemm(NodeProto node, Conversion conversion) {
        Attributes attributes = conversion.attributes(node);
        if (attributes.getInt("transA", 0) != 0) {
            throw Conversion.error(node, "transA = 1 is not supported; slim4j imports Gemm of [batch, in] activations");
        }
        float alpha = attributes.getFloat("alpha", 1f);
        float beta = attributes.getFloat("beta", 1f);
        if (alpha != 1f || beta != 1f) {
            throw Conversion.error(node, "alpha " + alpha + " and beta " + beta + " are not supported; slim4j imports Gemm with alpha = beta = 1");
        }
        dense(node, conversion, attributes.getInt("transB", 0) != 0,
                conversion.hasInput(node, 2) ? Optional.of(conversion.constant(node, 2, "bias C")) : Optional.empty());
    }

    static void matMul(NodeProto node, Conversion conversion) {
        dense(node, conversion, false, Optional.empty());
    }

    private static void dense(NodeProto node, Conversion conversion, boolean transposed, Optional<TensorData> ownBias) {
        Value.Activation x = conversion.activation(node, 0);
        if (x.rank() != 2) {
            throw Conversion.error(node, "input has shape " + x.describeShape() + "; slim4j imports " + node.getOpType()
                    + " of [batch, features] activations by a constant matrix");
        }
        TensorData weight = conversion.constant(node, 1, "weight");
        if (weight.rank() != 2 || weight.count() == 0) {
            throw Conversion.error(node, "weight '" + weight.name() + "' has shape " + Arrays.toString(weight.shape()) + ", expected a matrix");
        }
        long in = transposed ? weight.shape()[1] : weight.shape()[0];
        long out = transposed ? weight.shape()[0] : weight.shape()[1];
        if (in != x.dim(1)) {
            throw Conversion.error(node, "weight '" + weight.name() + "' has shape " + Arrays.toString(weight.shape()) + " but the input has "
                    + x.dim(1) + " features");
        }
        String name = conversion.vertexName(node);
        String output = node.getOutput(0);
        List<String> nodes = new ArrayList<>(List.of(node.getName()));
        Optional<TensorData> bias = ownBias;
        if (bias.isEmpty()) {
            String product = output;
            Optional<NodeProto> add = conversion.soleConsumer(product).filter(next -> next.getOpType().equals("Add"));
            Optional<TensorData> constant = add.flatMap(a -> biasOf(a, product, out, conversion));
            if (constant.isPresent()) {
                conversion.absorb(add.get());
                nodes.add(add.get().getName());
                output = add.get().getOutput(0);
                bias = constant;
            }
        }
        Activations.Fused activation = Activations.fuseAfter(output, conversion);
        activation.node().ifPresent(nodes::add);
        DenseLayer layer = new DenseLayer.Builder().nIn(in).nOut(out).hasBias(bias.isPresent()).activation(activation.function()).build();
        conversion.addLayer(name, layer, x.vertex(), activation.output(), new long[] {Value.Activation.BATCH, out},
                new ImportedLayer(name, nodes, node.getOpType(), activation.output(), Conversion.size(in), Conversion.size(out), activation.name()));
        conversion.bind(weight, name, "W", transposed ? new ParamLayout.Transposed() : SAME, ParamKind.WEIGHT, transposed ? OUT_IN : IN_OUT);
        bias.ifPresent(b -> conversion.bind(b, name, "b", layoutOf(b, out), ParamKind.BIAS, WeightAxes.NONE));
    }

    /** The constant an Add adds to a dense layer's output, when it is one bias per output. */
    private static Optional<TensorData> biasOf(NodeProto add, String output, long out, Conversion conversion) {
        int other = add.getInput(0).equals(output) ? 1 : 0;
        if (add.getInputCount() != 2 || !(conversion.input(add, other) instanceof Value.Constant constant)) {
            return Optional.empty();
        }
        TensorData data = constant.data();
        boolean perOutput = data.isReal() && data.count() == out && data.shape().length >= 1 && data.shape()[data.rank() - 1] == out;
        return perOutput ? Optional.of(data) : Optional.empty();
    }

    /** A bias held as DL4J's {@code [out]}: the same, or reshaped for ONNX's {@code [1, out]}. */
    private static ParamLayout layoutOf(TensorData bias, long out) {
        if (bias.rank() == 1) {
            return SAME;
        }
        if (bias.count() != out) {
            throw new OnnxException("bias '" + bias.name() + "' has shape " + Arrays.toString(bias.shape())
                    + "; slim4j imports one bias per output (" + out + ")");
        }
        return new ParamLayout.Reshaped(bias.shape());
    }

    private static ImportedLayer layerInfo(String name, NodeProto node, Activations.Fused activation, String type, long in, long out) {
        List<String> nodes = new ArrayList<>(List.of(node.getName()));
        activation.node().ifPresent(nodes::add);
        return new ImportedLayer(name, nodes, type, activation.output(), Conversion.size(in), Conversion.size(out), activation.name());
    }
}
