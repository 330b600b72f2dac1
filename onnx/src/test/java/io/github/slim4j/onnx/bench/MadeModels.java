package io.github.slim4j.onnx.bench;

import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorShapeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TypeProto;
import io.github.slim4j.onnx.proto.OnnxProto.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small ONNX models made to show one reason each why a model is not faster in ONNX Runtime, built
 * node by node so that what they hold is plain to see. Inputs are float, with a free batch
 * dimension; weights are seeded random.
 */
public final class MadeModels {
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Random random = new Random(7);
    private final long[] inputShape;

    private MadeModels(long... inputShape) {
        this.inputShape = inputShape;
    }

    /** Quantized input, then Flatten between the DequantizeLinear and an int8-weight Gemm: ONNX Runtime cannot fuse the Gemm. */
    static ModelProto flattenBeforeQuantizedGemm() {
        MadeModels m = new MadeModels(-1, 8, 4, 4);
        m.quantizePair("x", "xq", "x_dq", 0.02f);
        m.node("Flatten", List.of("x_dq"), "flat");
        m.int8Weight("w", 16, 128);
        m.node("Gemm", List.of("flat", "w_dq"), "y", transB());
        return m.model("y", 16);
    }

    /** A QLinearConv written directly, with int8 activations. */
    static ModelProto signedQLinearConv() {
        MadeModels m = new MadeModels(-1, 4, 16, 16);
        m.initializers.add(scalar("s", 0.02f));
        m.initializers.add(int8Scalar("zp", 0));
        m.node("QuantizeLinear", List.of("x", "s", "zp"), "xq");
        m.initializers.add(m.int8s("w", 8, 4, 3, 3));
        m.initializers.add(scalar("ws", 0.01f));
        m.initializers.add(scalar("ys", 0.05f));
        m.node("QLinearConv", List.of("xq", "s", "zp", "w", "ws", "zp", "ys", "zp"), "yq", ints("pads", 1, 1, 1, 1));
        m.node("DequantizeLinear", List.of("yq", "ys", "zp"), "y");
        return m.model("y", 8, 16, 16);
    }

    /** Pooling and element-wise work around a 16 → 2 Gemm. */
    public static ModelProto poolingHeavy() {
        MadeModels m = new MadeModels(-1, 16, 64, 64);
        m.node("MaxPool", List.of("x"), "p1", ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1));
        m.node("Relu", List.of("p1"), "r");
        m.node("AveragePool", List.of("r"), "p2", ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1));
        m.node("GlobalAveragePool", List.of("p2"), "g");
        m.node("Flatten", List.of("g"), "flat");
        m.initializers.add(m.floats("w", 2, 16));
        m.node("Gemm", List.of("flat", "w"), "y", transB());
        return m.model("y", 2);
    }

    /** A 1024 → 4 Gemm on NCHW images, flattened. */
    static ModelProto flattenedGemm() {
        MadeModels m = new MadeModels(-1, 16, 8, 8);
        m.node("Flatten", List.of("x"), "flat");
        m.initializers.add(m.floats("w", 4, 1024));
        m.node("Gemm", List.of("flat", "w"), "y", transB());
        return m.model("y", 4);
    }

    /**
     * The same on NHWC images, transposed to NCHW first, as tf2onnx writes a Keras model: no
     * optimization can drop a Transpose whose order the Flatten keeps.
     */
    static ModelProto transposedFlattenedGemm() {
        MadeModels m = new MadeModels(-1, 8, 8, 16);
        m.node("Transpose", List.of("x"), "nchw", ints("perm", 0, 3, 1, 2));
        m.node("Flatten", List.of("nchw"), "flat");
        m.initializers.add(m.floats("w", 4, 1024));
        m.node("Gemm", List.of("flat", "w"), "y", transB());
        return m.model("y", 4);
    }

    /** Two quantize-dequantize pairs with different grids before a float 1024 → 1 Gemm. */
    static ModelProto conversionsAroundATinyGemm() {
        MadeModels m = new MadeModels(-1, 1024);
        m.quantizePair("x", "a", "a_dq", 0.02f);
        m.quantizePair("a_dq", "b", "b_dq", 0.03f);
        m.initializers.add(m.floats("w", 1, 1024));
        m.node("Gemm", List.of("b_dq", "w"), "y", transB());
        return m.model("y", 1);
    }

    /** A 1 → 32 channel 3×3 convolution with ReLU on 56×56 images, in float. */
    static ModelProto singleChannelConv() {
        MadeModels m = new MadeModels(-1, 1, 56, 56);
        m.initializers.add(m.floats("w", 32, 1, 3, 3));
        m.node("Conv", List.of("x", "w"), "c", ints("pads", 1, 1, 1, 1));
        m.node("Relu", List.of("c"), "y");
        return m.model("y", 32, 56, 56);
    }

    /** A 1×1 convolution 2 → 4 channels with the given weights, ReLU, and a 1×1 convolution 4 → 3, on 4×4 images. */
    public static ModelProto twoPointwiseConvolutions(float[] first) {
        MadeModels m = new MadeModels(-1, 2, 4, 4);
        m.initializers.add(floats("w1", new long[] {4, 2, 1, 1}, first));
        m.node("Conv", List.of("x", "w1"), "c1");
        m.node("Relu", List.of("c1"), "r1");
        m.initializers.add(m.floats("w2", 3, 4, 1, 1));
        m.node("Conv", List.of("r1", "w2"), "y");
        return m.model("y", 3, 4, 4);
    }

    /**
     * 3 → 64 (3×3), 64 → 16 (3×3) and 16 → 16 (5×5) convolutions with ReLUs between, on 32×32
     * images: the last one's channels are the output, so removal leaves it whole, and it does half
     * the MACs once the others lose half their channels.
     */
    static ModelProto narrowingChain() {
        MadeModels m = new MadeModels(-1, 3, 32, 32);
        m.initializers.add(m.floats("wb", 64, 3, 3, 3));
        m.node("Conv", List.of("x", "wb"), "b", ints("pads", 1, 1, 1, 1));
        m.node("Relu", List.of("b"), "rb");
        m.initializers.add(m.floats("wc", 16, 64, 3, 3));
        m.node("Conv", List.of("rb", "wc"), "c", ints("pads", 1, 1, 1, 1));
        m.node("Relu", List.of("c"), "rc");
        m.initializers.add(m.floats("wa", 16, 16, 5, 5));
        m.node("Conv", List.of("rc", "wa"), "y", ints("pads", 2, 2, 2, 2));
        return m.model("y", 16, 32, 32);
    }

    /** Thirty 3×3 convolutions of 8 channels on 4×4 images, each with a ReLU: many layers, each a few microseconds. */
    static ModelProto manySmallLayers() {
        MadeModels m = new MadeModels(-1, 8, 4, 4);
        String input = "x";
        for (int layer = 0; layer < 30; layer++) {
            m.initializers.add(m.floats("w" + layer, 8, 8, 3, 3));
            m.node("Conv", List.of(input, "w" + layer), "c" + layer, ints("pads", 1, 1, 1, 1));
            m.node("Relu", List.of("c" + layer), "r" + layer);
            input = "r" + layer;
        }
        return m.model(input, 8, 4, 4);
    }

    /** The same convolution in QDQ form, which ONNX Runtime fuses into a QLinearConv. */
    static ModelProto singleChannelConvQdq() {
        MadeModels m = new MadeModels(-1, 1, 56, 56);
        m.quantizePair("x", "xq", "x_dq", 1 / 255f);
        m.int8Weight("w", 32, 1, 3, 3);
        m.node("Conv", List.of("x_dq", "w_dq"), "c", ints("pads", 1, 1, 1, 1));
        m.node("Relu", List.of("c"), "r");
        m.quantizePair("r", "rq", "y", 0.05f);
        return m.model("y", 32, 56, 56);
    }

    /**
     * Two convolutions (3 → 8 and 3 → 6 channels, ReLU) concatenated along channels, a 14 → 4
     * convolution, then Flatten and a Gemm to 5 outputs, on 8×8 images: channels behind a Concat.
     */
    public static ModelProto concatenated() {
        MadeModels m = new MadeModels(-1, 3, 8, 8);
        m.initializers.add(m.floats("wa", 8, 3, 3, 3));
        m.initializers.add(m.floats("ba", 8));
        m.node("Conv", List.of("x", "wa", "ba"), "a", ints("pads", 1, 1, 1, 1));
        m.node("Relu", List.of("a"), "ra");
        m.initializers.add(m.floats("wb", 6, 3, 1, 1));
        m.node("Conv", List.of("x", "wb"), "b");
        m.node("Relu", List.of("b"), "rb");
        m.node("Concat", List.of("ra", "rb"), "joined", AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                .setI(1).build());
        m.initializers.add(m.floats("wc", 4, 14, 3, 3));
        m.node("Conv", List.of("joined", "wc"), "c", ints("pads", 1, 1, 1, 1));
        m.node("Flatten", List.of("c"), "flat");
        m.initializers.add(m.floats("wd", 5, 4 * 64));
        m.node("Gemm", List.of("flat", "wd"), "y", transB());
        return m.model("y", 5);
    }

    static Path write(ModelProto model, Path folder, String name) {
        Path file = folder.resolve(name);
        OnnxFile.write(model, file);
        return file;
    }

    private void quantizePair(String input, String codes, String output, float scale) {
        initializers.add(scalar(codes + "_s", scale));
        initializers.add(TensorProto.newBuilder().setName(codes + "_zp").setDataType(TensorProto.DataType.UINT8_VALUE)
                .setRawData(ByteString.copyFrom(new byte[] {0})).build());
        node("QuantizeLinear", List.of(input, codes + "_s", codes + "_zp"), codes);
        node("DequantizeLinear", List.of(codes, codes + "_s", codes + "_zp"), output);
    }

    private void int8Weight(String name, long... dims) {
        initializers.add(int8s(name, dims));
        initializers.add(scalar(name + "_s", 0.01f));
        initializers.add(int8Scalar(name + "_zp", 0));
        node("DequantizeLinear", List.of(name, name + "_s", name + "_zp"), name + "_dq");
    }

    private void node(String op, List<String> inputs, String output, AttributeProto... attributes) {
        nodes.add(NodeProto.newBuilder().setName(output + "_node").setOpType(op).addAllInput(inputs).addOutput(output)
                .addAllAttribute(List.of(attributes)).build());
    }

    private ModelProto model(String output, long... outputTail) {
        GraphProto graph = GraphProto.newBuilder().setName("made").addAllNode(nodes).addAllInitializer(initializers)
                .addInput(value("x", inputShape)).addOutput(value(output, prepend(-1, outputTail))).build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("slim4j tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(graph).build();
    }

    private static long[] prepend(long first, long[] rest) {
        long[] all = new long[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static ValueInfoProto value(String name, long[] shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (long dim : shape) {
            dims.addDim(dim < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch") : TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(dims))).build();
    }

    private TensorProto floats(String name, long... dims) {
        float[] values = new float[(int) java.util.Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * 0.1f;
        }
        return floats(name, dims, values);
    }

    private static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(java.util.Arrays.stream(dims).boxed().toList()).setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    private TensorProto int8s(String name, long... dims) {
        int count = (int) java.util.Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        byte[] codes = new byte[count];
        for (int i = 0; i < count; i++) {
            codes[i] = (byte) (random.nextInt(127) - 63);
        }
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT8_VALUE)
                .addAllDims(java.util.Arrays.stream(dims).boxed().toList()).setRawData(ByteString.copyFrom(codes)).build();
    }

    private static TensorProto scalar(String name, float value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(value).build();
    }

    private static TensorProto int8Scalar(String name, int value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT8_VALUE)
                .setRawData(ByteString.copyFrom(new byte[] {(byte) value})).build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    private static AttributeProto transB() {
        return AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1).build();
    }
}
