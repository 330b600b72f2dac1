package io.github.slim4j.onnx.channels;

import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A constant tensor of the graph, read where it lies: float values are a view of the protobuf's
 * raw bytes, so the weights are not copied into arrays until a slice of them is written out.
 *
 * @param name the name the graph reads it by (a copy made by an Identity has its own)
 */
record Tensor(String name, long[] shape, TensorProto proto) {

    static Tensor of(TensorProto proto) {
        return new Tensor(proto.getName(), proto.getDimsList().stream().mapToLong(Long::longValue).toArray(), proto);
    }

    Tensor named(String other) {
        return new Tensor(other, shape, proto);
    }

    int rank() {
        return shape.length;
    }

    long count() {
        return TensorData.elements(shape);
    }

    boolean isFloat() {
        return proto.getDataType() == TensorProto.DataType.FLOAT_VALUE && (proto.hasRawData() ? proto.getRawData().size() == 4 * count()
                : proto.getFloatDataCount() == count());
    }

    /** The float values, in order; only for {@link #isFloat()} tensors. */
    FloatBuffer floats() {
        if (proto.hasRawData()) {
            return proto.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }
        float[] values = new float[proto.getFloatDataCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = proto.getFloatData(i);
        }
        return FloatBuffer.wrap(values);
    }

    /** The integer values of a small integer tensor (a shape), or null for other types. */
    long[] longs() {
        try {
            return TensorData.of(proto).ints();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
