package io.github.slim4j.onnx.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.store.OriginStore;
import io.github.slim4j.onnx.convert.OnnxImporter;
import io.github.slim4j.onnx.convert.OnnxOrigin;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps a model imported from ONNX in a slim4j file: the ONNX model as it was read, with the data
 * of every initializer the graph holds as a parameter left out (the file stores those tensors
 * itself, perhaps as quantization codes). Loading imports the model once with zeros there, to learn
 * which tensor fills which initializer, then again with the file's tensors in them. The bytes are
 * the source's name in UTF-8, a 0 byte, and the ModelProto.
 *
 * <p>Only a graph that importing its ONNX model gives again can be kept so: a folded or simulated
 * copy (its BatchNormalization gone, or fake-quantization vertices added) is refused.
 */
public final class OnnxOriginStore implements OriginStore {

    /** Element widths of the ONNX data types an initializer may have, by {@code TensorProto.DataType} number. */
    private static final Map<Integer, Integer> WIDTHS = Map.of(1, 4, 2, 1, 3, 1, 5, 2, 6, 4, 7, 8, 9, 1, 10, 2, 11, 8, 16, 2);

    @Override
    public String kind() {
        return "onnx";
    }

    @Override
    public Optional<byte[]> write(GraphOrigin origin, ComputationGraph graph) {
        if (!(origin instanceof OnnxOrigin onnx)) {
            return Optional.empty();
        }
        Set<String> held = onnx.sources().stream().map(OnnxOrigin.Source::initializer).collect(Collectors.toSet());
        ModelProto stripped = withInitializers(onnx.model(), tensor -> held.contains(tensor.getName()) ? withoutData(tensor) : tensor);
        ComputationGraph again = OnnxImporter.convert(withZeros(stripped), onnx.source());
        if (!sameShape(graph, again)) {
            throw new Slim4jException("slim4j cannot save this model from " + origin.describe() + ": it is no longer the graph its ONNX file "
                    + "imports (batch normalization folded, or activations simulated); save the model it came from, or %export it");
        }
        byte[] name = onnx.source().getBytes(StandardCharsets.UTF_8);
        byte[] model = stripped.toByteArray();
        return Optional.of(ByteBuffer.allocate(name.length + 1 + model.length).put(name).put((byte) 0).put(model).array());
    }

    @Override
    public ComputationGraph read(byte[] source, Map<String, INDArray> tensors) {
        int end = 0;
        while (end < source.length && source[end] != 0) {
            end++;
        }
        if (end == source.length) {
            throw new IllegalArgumentException("its ONNX source lacks the name of the file it came from");
        }
        String name = new String(source, 0, end, StandardCharsets.UTF_8);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Arrays.copyOfRange(source, end + 1, source.length));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("its ONNX source is not a valid ONNX model");
        }
        OnnxOrigin shape = OnnxOrigin.of(OnnxImporter.convert(withZeros(model), name)).orElseThrow();
        Map<String, INDArray> byInitializer = new HashMap<>();
        for (OnnxOrigin.Source held : shape.sources()) {
            Optional.ofNullable(tensors.get(held.name())).ifPresent(values -> byInitializer.put(held.initializer(), values));
        }
        ModelProto filled = withInitializers(model, tensor -> {
            INDArray values = byInitializer.get(tensor.getName());
            return values == null || tensor.getDataType() != TensorProto.DataType.FLOAT_VALUE ? tensor
                    : tensor.toBuilder().setRawData(ByteString.copyFrom(littleEndianFloats(values))).build();
        });
        return OnnxImporter.convert(withZeros(filled), name);
    }

    private static byte[] littleEndianFloats(INDArray values) {
        float[] floats = values.dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(floats.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(floats);
        return bytes.array();
    }

    /** Whether two graphs have the same vertices and the same parameters, by name and shape. */
    private static boolean sameShape(ComputationGraph graph, ComputationGraph other) {
        if (!graph.getConfiguration().getVertices().keySet().equals(other.getConfiguration().getVertices().keySet())) {
            return false;
        }
        return describe(graph).equals(describe(other));
    }

    private static List<String> describe(ComputationGraph graph) {
        return ModelHandle.of(graph).parameters().stream().map(tensor -> tensor.qualifiedName() + Arrays.toString(tensor.shape())).toList();
    }

    private static TensorProto withoutData(TensorProto tensor) {
        return tensor.toBuilder().clearRawData().clearFloatData().clearDoubleData().clearInt32Data().clearInt64Data()
                .clearUint64Data().clearExternalData().clearDataLocation().build();
    }

    /** Zeros in every initializer that has elements but no data: those {@link #withoutData} emptied. */
    private static ModelProto withZeros(ModelProto model) {
        return withInitializers(model, tensor -> {
            long elements = tensor.getDimsList().stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
            boolean empty = tensor.getRawData().isEmpty() && tensor.getFloatDataCount() == 0 && tensor.getDoubleDataCount() == 0
                    && tensor.getInt32DataCount() == 0 && tensor.getInt64DataCount() == 0 && tensor.getExternalDataCount() == 0;
            Integer width = WIDTHS.get(tensor.getDataType());
            if (!empty || elements == 0 || width == null) {
                return tensor;
            }
            return tensor.toBuilder().setRawData(ByteString.copyFrom(new byte[Math.toIntExact(elements * width)])).build();
        });
    }

    private static ModelProto withInitializers(ModelProto model, java.util.function.UnaryOperator<TensorProto> change) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            graph.setInitializer(i, change.apply(graph.getInitializer(i)));
        }
        return model.toBuilder().setGraph(graph).build();
    }
}
