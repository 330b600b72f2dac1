package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.dl4j.ClipActivation;
import io.github.slim4j.onnx.dl4j.HardSigmoidActivation;
import io.github.slim4j.onnx.dl4j.HardSwishActivation;
import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * ONNX's element-wise activations as DL4J activation functions: standing alone as an activation
 * layer, or fused into the Conv, Gemm, MatMul or BatchNormalization layer before them when that
 * layer's output feeds nothing else (fewer activations to hold, and the same values).
 */
final class Activations {
    static final Set<String> TYPES = Set.of("Relu", "Clip", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish");

    private Activations() {
    }

    /** An activation node converted on its own: an activation layer. */
    static void convert(NodeProto node, Conversion conversion) {
        Value.Activation x = conversion.activation(node, 0);
        IActivation function = of(node, conversion);
        String name = conversion.vertexName(node);
        conversion.addLayer(name, new ActivationLayer.Builder().activation(function).build(), x.vertex(), node.getOutput(0), x.shape(),
                new ImportedLayer(name, List.of(node.getName()), node.getOpType(), node.getOutput(0),
                        Conversion.size(x.dim(1)), Conversion.size(x.dim(1)), Optional.of(function.toString())));
    }

    /** The activation the layer writing {@code output} can take over: the node reading it alone, absorbed. */
    static Fused fuseAfter(String output, Conversion conversion) {
        Optional<NodeProto> next = conversion.soleConsumer(output);
        if (next.isPresent() && TYPES.contains(next.get().getOpType())) {
            NodeProto node = next.get();
            IActivation function = of(node, conversion);
            conversion.absorb(node);
            return new Fused(function, node.getOutput(0), Optional.of(node.getName()));
        }
        return none(output);
    }

    /** No activation taken over: the layer's output is {@code output}. */
    static Fused none(String output) {
        return new Fused(new ActivationIdentity(), output, Optional.empty());
    }

    /**
     * The function a layer applies last, and the ONNX value its output then equals.
     *
     * @param node the activation node fused in, if any
     */
    record Fused(IActivation function, String output, Optional<String> node) {
        Optional<String> name() {
            return node.map(n -> function.toString());
        }
    }

    static IActivation of(NodeProto node, Conversion conversion) {
        Attributes attributes = conversion.attributes(node);
        return switch (node.getOpType()) {
            case "Relu" -> new ActivationReLU();
            case "Sigmoid" -> new ActivationSigmoid();
            case "Tanh" -> new ActivationTanH();
            case "LeakyRelu" -> new ActivationLReLU(attributes.getFloat("alpha", 0.01f));
            case "HardSigmoid" -> new HardSigmoidActivation(attributes.getFloat("alpha", 0.2f), attributes.getFloat("beta", 0.5f));
            case "HardSwish" -> new HardSwishActivation();
            case "Clip" -> clip(node, conversion);
            default -> throw Conversion.error(node, "is not an activation");
        };
    }

    /** Clip's bounds are inputs from opset 11 on, attributes before; ReLU and ReLU6 are DL4J's own. */
    private static IActivation clip(NodeProto node, Conversion conversion) {
        double min;
        double max;
        if (conversion.opset() >= 11) {
            min = conversion.hasInput(node, 1) ? scalar(node, conversion, 1, "min") : Double.NEGATIVE_INFINITY;
            max = conversion.hasInput(node, 2) ? scalar(node, conversion, 2, "max") : Double.POSITIVE_INFINITY;
        } else {
            Attributes attributes = conversion.attributes(node);
            min = attributes.getFloat("min", Float.NEGATIVE_INFINITY);
            max = attributes.getFloat("max", Float.POSITIVE_INFINITY);
        }
        if (min == 0 && max == 6) {
            return new ActivationReLU6();
        }
        if (min == 0 && max == Double.POSITIVE_INFINITY) {
            return new ActivationReLU();
        }
        return new ClipActivation(min, max);
    }

    private static double scalar(NodeProto node, Conversion conversion, int index, String what) {
        double[] values = conversion.constant(node, index, what).doubles();
        if (values.length != 1) {
            throw Conversion.error(node, what + " must be a scalar, got " + values.length + " values");
        }
        return values[0];
    }
}
