package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/** MaxPool, AveragePool and their global forms, as DL4J subsampling and global pooling layers. */
final class PoolingOps {
    private PoolingOps() {
    }

    static void maxPool(NodeProto node, Conversion conversion) {
        window(node, conversion, PoolingType.MAX);
    }

    static void averagePool(NodeProto node, Conversion conversion) {
        window(node, conversion, PoolingType.AVG);
    }

    static void globalAveragePool(NodeProto node, Conversion conversion) {
        global(node, conversion, PoolingType.AVG);
    }

    static void globalMaxPool(NodeProto node, Conversion conversion) {
        global(node, conversion, PoolingType.MAX);
    }

    private static void window(NodeProto node, Conversion conversion, PoolingType type) {
        Value.Activation x = image(node, conversion);
        Attributes attributes = conversion.attributes(node);
        if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty()) {
            throw Conversion.error(node, "the indices output is not supported");
        }
        long[] kernel = attributes.getInts("kernel_shape")
                .orElseThrow(() -> Conversion.error(node, "kernel_shape is missing"));
        if (kernel.length != 2) {
            throw Conversion.error(node, "kernel_shape has " + kernel.length + " values; slim4j imports 2-D pooling");
        }
        SpatialAttributes window = SpatialAttributes.of(node, conversion, kernel, x.dim(2), x.dim(3));
        boolean ceil = attributes.getInt("ceil_mode", 0) != 0;
        long height = window.output(0, x.dim(2), false);
        long width = window.output(1, x.dim(3), false);
        if (ceil && (height != window.output(0, x.dim(2), true) || width != window.output(1, x.dim(3), true))) {
            throw Conversion.error(node, "ceil_mode = 1 changes the output size here, which is not supported");
        }
        boolean includePad = attributes.getInt("count_include_pad", 0) != 0;
        String name = conversion.vertexName(node);
        String input = x.vertex();
        if (!window.symmetric()) {
            // Zeros stand in for ONNX's padding only where the padding counts as zeros.
            if (type == PoolingType.MAX || !includePad) {
                throw Conversion.error(node, "uneven padding " + Arrays.toString(window.padBegin()) + " before and "
                        + Arrays.toString(window.padEnd()) + " after is supported only for AveragePool with count_include_pad = 1");
            }
            input = conversion.addHelperLayer(conversion.unique(name + "/pad"), window.paddingLayer(), input);
            window = window.unpadded();
        }
        SubsamplingLayer.Builder builder = new SubsamplingLayer.Builder(type).kernelSize(window.kernelInts()).stride(window.strideInts())
                .dilation(window.dilationInts()).padding(window.padInts()).convolutionMode(ConvolutionMode.Truncate)
                .dataFormat(CNN2DFormat.NCHW);
        if (type == PoolingType.AVG) {
            builder.avgPoolIncludePadInDivisor(includePad);
        }
        add(node, conversion, x, builder.build(), input, new long[] {Value.Activation.BATCH, x.dim(1), height, width});
    }

    private static void global(NodeProto node, Conversion conversion, PoolingType type) {
        Value.Activation x = image(node, conversion);
        // ONNX keeps the spatial axes (size 1); Flatten after it removes them.
        GlobalPoolingLayer layer = new GlobalPoolingLayer.Builder(type).collapseDimensions(false).build();
        add(node, conversion, x, layer, x.vertex(), new long[] {Value.Activation.BATCH, x.dim(1), 1, 1});
    }

    private static Value.Activation image(NodeProto node, Conversion conversion) {
        Value.Activation x = conversion.activation(node, 0);
        if (x.rank() != 4) {
            throw Conversion.error(node, "input has shape " + x.describeShape() + "; slim4j imports pooling of [batch, C, H, W] images");
        }
        return x;
    }

    private static void add(NodeProto node, Conversion conversion, Value.Activation x, Layer layer, String input, long[] shape) {
        String name = conversion.vertexName(node);
        conversion.addLayer(name, layer, input, node.getOutput(0), shape, new ImportedLayer(name, List.of(node.getName()),
                node.getOpType(), node.getOutput(0), Conversion.size(x.dim(1)), Conversion.size(x.dim(1)), Optional.empty()));
    }
}
