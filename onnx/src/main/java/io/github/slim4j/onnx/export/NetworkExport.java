package io.github.slim4j.onnx.export;

import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorShapeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TypeProto;
import io.github.slim4j.onnx.proto.OnnxProto.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A MultiLayerNetwork built on the JVM, written as a float ONNX model (opset 13) that ONNX Runtime
 * runs: each layer becomes the ONNX operators that compute the same, in order, under the layer's
 * name; parameters become initializers under their qualified names ("fc1_W"), pruned zeros and
 * all. Layers and preprocessors without an ONNX counterpart here are refused, naming the layer.
 * Quantized weights are written as the float values the network computes with, and only when asked
 * for float weights: the integer formats need the graph an imported model carries.
 */
public final class NetworkExport {
    private static final long OPSET = 13;

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<ExportedTensor> tensors = new ArrayList<>();
    private String current = "input";

    private NetworkExport() {
    }

    /** @throws OnnxException for a layer, preprocessor, activation or input this export cannot write, or quantized weights without float weights asked for */
    public static ExportedModel export(MultiLayerNetwork network, ExportOptions options) {
        ModelHandle handle = ModelHandle.of(network);
        if (!options.floatWeights() && !Quantizations.of(handle).isEmpty()) {
            throw new OnnxException("a MultiLayerNetwork's quantized weights can only be written as float values (%export --float); "
                    + "integer codes need a model loaded from ONNX");
        }
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        List<String> names = handle.layers().stream().map(LayerInfo::name).toList();
        NetworkExport export = new NetworkExport();
        ValueInfoProto input = export.input(conf, names.get(0));
        for (int i = 0; i < network.getLayers().length; i++) {
            export.preprocessor(conf.getInputPreProcess(i), names.get(i));
            export.layer(network.getLayer(i), names.get(i));
        }
        GraphProto graph = GraphProto.newBuilder().setName("slim4j").addAllNode(export.nodes).addAllInitializer(export.initializers)
                .addInput(input).addOutput(ValueInfoProto.newBuilder().setName(export.current).setType(floatType(export.outputShape(conf, names))).build())
                .build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setProducerName("slim4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(graph).build();
        return new ExportedModel(model, export.tensors, List.of(), OPSET, OPSET);
    }

    /** [batch, nOut] of the last layer, which must make one row per example. */
    private long[] outputShape(MultiLayerConfiguration conf, List<String> names) {
        int last = conf.getConfs().size() - 1;
        if (conf.getConf(last).getLayer() instanceof FeedForwardLayer dense && dense.getNOut() > 0 && !(dense instanceof ConvolutionLayer)
                && !(dense instanceof BatchNormalization)) {
            return new long[] {-1, dense.getNOut()};
        }
        throw new OnnxException("cannot export a network whose last layer " + names.get(last) + " does not make one row per example");
    }

    /** Flat features for a network that starts dense or unflattens them; an image of any size for one that starts with a convolution. */
    private ValueInfoProto input(MultiLayerConfiguration conf, String firstName) {
        InputPreProcessor first = conf.getInputPreProcess(0);
        org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(0).getLayer();
        long[] shape;
        if (first instanceof FeedForwardToCnnPreProcessor unflatten) {
            shape = new long[] {-1, unflatten.getInputHeight() * unflatten.getInputWidth() * unflatten.getNumChannels()};
        } else if (layer instanceof ConvolutionLayer convolution && convolution.getCnn2dDataFormat() == CNN2DFormat.NCHW) {
            shape = new long[] {-1, convolution.getNIn(), -2, -3};
        } else if (layer instanceof FeedForwardLayer dense && dense.getNIn() > 0) {
            shape = new long[] {-1, dense.getNIn()};
        } else {
            throw new OnnxException("cannot export a network whose first layer " + firstName + " (" + layer.getClass().getSimpleName()
                    + ") declares no input size");
        }
        return ValueInfoProto.newBuilder().setName("input").setType(floatType(shape)).build();
    }

    private void preprocessor(InputPreProcessor preprocessor, String layer) {
        if (preprocessor == null) {
            return;
        }
        if (preprocessor instanceof FeedForwardToCnnPreProcessor unflatten) {
            TensorProto shape = Tensors.longs(layer + "_shape", new long[] {4},
                    new long[] {-1, unflatten.getNumChannels(), unflatten.getInputHeight(), unflatten.getInputWidth()});
            initializers.add(shape);
            node("Reshape", layer + "_unflatten", List.of(current, shape.getName()));
        } else if (preprocessor instanceof CnnToFeedForwardPreProcessor flatten && flatten.getFormat() == CNN2DFormat.NCHW) {
            node("Flatten", layer + "_flatten", List.of(current), Attributes.ofInt("axis", 1));
        } else {
            throw new OnnxException("cannot export the " + preprocessor.getClass().getSimpleName() + " before layer " + layer);
        }
    }

    private void layer(Layer layer, String name) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        Class<?> type = conf.getClass();
        if (type == DenseLayer.class || type == OutputLayer.class) {
            node("Gemm", name, List.of(current, weight(layer, name, "W", "weight"), weight(layer, name, "b", "bias")));
        } else if (type == ConvolutionLayer.class || type == DepthwiseConvolution2D.class) {
            convolution(layer, (ConvolutionLayer) conf, name);
        } else if (type == BatchNormalization.class) {
            batchNormalization(layer, (BatchNormalization) conf, name);
        } else if (type == SubsamplingLayer.class) {
            pooling((SubsamplingLayer) conf, name);
        } else if (type == GlobalPoolingLayer.class) {
            globalPooling((GlobalPoolingLayer) conf, name);
        } else if (type != ActivationLayer.class && type != DropoutLayer.class) {
            throw new OnnxException("cannot export layer " + name + " (" + type.getSimpleName() + ")");
        }
        // Batch normalization and dropout hold the network's default activation but never apply it.
        boolean activates = type == DenseLayer.class || type == OutputLayer.class || type == ConvolutionLayer.class
                || type == DepthwiseConvolution2D.class;
        if (conf instanceof ActivationLayer activationLayer) {
            activation(activationLayer.getActivationFn(), name);
        } else if (activates && ((BaseLayer) conf).getActivationFn() != null) {
            activation(((BaseLayer) conf).getActivationFn(), name);
        }
    }

    private void convolution(Layer layer, ConvolutionLayer conf, String name) {
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new OnnxException("cannot export layer " + name + ": slim4j exports NCHW convolutions, not " + conf.getCnn2dDataFormat());
        }
        List<String> inputs = new ArrayList<>();
        inputs.add(current);
        List<AttributeProto> attributes = new ArrayList<>(window(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getConvolutionMode(), name));
        attributes.add(Attributes.ofInts("dilations", conf.getDilation()));
        if (conf instanceof DepthwiseConvolution2D depthwise) {
            // DL4J holds [kH, kW, in, multiplier]; ONNX wants [in · multiplier, 1, kH, kW], output channel c · m + j.
            INDArray values = layer.getParam("W").permute(2, 3, 0, 1);
            long[] shape = values.shape();
            INDArray onnx = values.dup('c').reshape('c', shape[0] * shape[1], 1, shape[2], shape[3]);
            inputs.add(initializer(name + "_W", onnx, "weight"));
            attributes.add(Attributes.ofInt("group", depthwise.getNIn()));
        } else {
            inputs.add(weight(layer, name, "W", "weight"));
        }
        if (conf.hasBias()) {
            inputs.add(initializer(name + "_b", layer.getParam("b").reshape(-1), "bias"));
        }
        node("Conv", name, inputs, attributes.toArray(AttributeProto[]::new));
    }

    private void batchNormalization(Layer layer, BatchNormalization conf, String name) {
        long channels = conf.getNOut();
        INDArray gamma = conf.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {channels}, conf.getGamma(), DataType.FLOAT) : layer.getParam("gamma");
        INDArray beta = conf.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {channels}, conf.getBeta(), DataType.FLOAT) : layer.getParam("beta");
        INDArray variance = conf.isUseLogStd() ? varianceFromLogStd(layer.getParam("log10stdev"), conf.getEps()) : layer.getParam("var");
        node("BatchNormalization", name, List.of(current, initializer(name + "_gamma", gamma.reshape(-1), "normalization"),
                initializer(name + "_beta", beta.reshape(-1), "normalization"), initializer(name + "_mean", layer.getParam("mean").reshape(-1), "normalization"),
                initializer(name + "_var", variance.reshape(-1), "normalization")), Attributes.ofFloat("epsilon", (float) conf.getEps()));
    }

    /** DL4J's log-std form keeps log10 of sqrt(var + eps). */
    private static INDArray varianceFromLogStd(INDArray logStd, double eps) {
        float[] values = logStd.dup().castTo(DataType.FLOAT).data().asFloat();
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (Math.pow(10, 2.0 * values[i]) - eps);
        }
        return Nd4j.createFromArray(values);
    }

    private void pooling(SubsamplingLayer conf, String name) {
        List<AttributeProto> attributes = new ArrayList<>(window(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getConvolutionMode(), name));
        if (conf.getPoolingType() == PoolingType.MAX) {
            node("MaxPool", name, List.of(current), attributes.toArray(AttributeProto[]::new));
        } else if (conf.getPoolingType() == PoolingType.AVG) {
            attributes.add(Attributes.ofInt("count_include_pad", conf.isAvgPoolIncludePadInDivisor() ? 1 : 0));
            node("AveragePool", name, List.of(current), attributes.toArray(AttributeProto[]::new));
        } else {
            throw new OnnxException("cannot export layer " + name + ": " + conf.getPoolingType() + " pooling has no ONNX operator here");
        }
    }

    private void globalPooling(GlobalPoolingLayer conf, String name) {
        String op = switch (conf.getPoolingType()) {
            case MAX -> "GlobalMaxPool";
            case AVG -> "GlobalAveragePool";
            default -> throw new OnnxException("cannot export layer " + name + ": global " + conf.getPoolingType() + " pooling has no ONNX operator here");
        };
        node(op, name, List.of(current));
        if (conf.isCollapseDimensions()) {
            node("Flatten", name + "_collapse", List.of(current), Attributes.ofInt("axis", 1));
        }
    }

    private void activation(IActivation activation, String layer) {
        String name = layer + "_activation";
        if (activation instanceof ActivationIdentity) {
            return;
        } else if (activation instanceof ActivationReLU) {
            node("Relu", name, List.of(current));
        } else if (activation instanceof ActivationTanH) {
            node("Tanh", name, List.of(current));
        } else if (activation instanceof ActivationSigmoid) {
            node("Sigmoid", name, List.of(current));
        } else if (activation instanceof ActivationSoftmax) {
            node("Softmax", name, List.of(current), Attributes.ofInt("axis", 1));
        } else if (activation instanceof ActivationSoftPlus) {
            node("Softplus", name, List.of(current));
        } else if (activation instanceof ActivationLReLU leaky) {
            node("LeakyRelu", name, List.of(current), Attributes.ofFloat("alpha", (float) leaky.getAlpha()));
        } else if (activation instanceof ActivationELU elu) {
            node("Elu", name, List.of(current), Attributes.ofFloat("alpha", (float) elu.getAlpha()));
        } else if (activation instanceof ActivationHardSigmoid) {
            // DL4J's hard sigmoid is min(1, max(0, 0.2x + 0.5)), ONNX's default.
            node("HardSigmoid", name, List.of(current));
        } else if (activation instanceof ActivationReLU6) {
            TensorProto low = Tensors.floats(name + "_min", new long[0], new float[] {0});
            TensorProto high = Tensors.floats(name + "_max", new long[0], new float[] {6});
            initializers.add(low);
            initializers.add(high);
            node("Clip", name, List.of(current, low.getName(), high.getName()));
        } else {
            throw new OnnxException("cannot export the " + activation + " activation of layer " + layer);
        }
    }

    /** kernel_shape, strides and pads, or SAME_UPPER padding for DL4J's Same mode (which pads the bottom and right more). */
    private static List<AttributeProto> window(int[] kernel, int[] stride, int[] padding, ConvolutionMode mode, String name) {
        List<AttributeProto> attributes = new ArrayList<>(List.of(Attributes.ofInts("kernel_shape", kernel), Attributes.ofInts("strides", stride)));
        if (mode == ConvolutionMode.Same) {
            attributes.add(Attributes.ofString("auto_pad", "SAME_UPPER"));
        } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            attributes.add(Attributes.ofInts("pads", padding[0], padding[1], padding[0], padding[1]));
        } else {
            throw new OnnxException("cannot export layer " + name + ": its " + mode + " convolution mode has no ONNX padding here");
        }
        return attributes;
    }

    private String weight(Layer layer, String name, String key, String kind) {
        INDArray values = layer.getParam(key);
        return initializer(name + "_" + key, key.equals("b") ? values.reshape(-1) : values, kind);
    }

    private String initializer(String name, INDArray values, String kind) {
        TensorProto tensor = Tensors.floats(name, values);
        initializers.add(tensor);
        tensors.add(new ExportedTensor(name, kind, "float32", 4 * values.length()));
        return name;
    }

    private void node(String op, String name, List<String> inputs, AttributeProto... attributes) {
        String output = name + "_out";
        nodes.add(NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addOutput(output).addAllAttribute(List.of(attributes)).build());
        current = output;
    }




    /** A float tensor type; -1 is the batch, other negative sizes are named free dimensions. */
    private static TypeProto floatType(long[] shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (long dim : shape) {
            dims.addDim(dim >= 0 ? TensorShapeProto.Dimension.newBuilder().setDimValue(dim)
                    : TensorShapeProto.Dimension.newBuilder().setDimParam(dim == -1 ? "batch" : dim == -2 ? "height" : "width"));
        }
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(dims)).build();
    }
}
