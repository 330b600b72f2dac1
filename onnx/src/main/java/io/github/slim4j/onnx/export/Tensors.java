package io.github.slim4j.onnx.export;

import com.google.protobuf.ByteString;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ONNX tensors written from Java values, always as little-endian {@code raw_data}. */
final class Tensors {
    private Tensors() {
    }

    static TensorProto floats(String name, long[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return raw(name, shape, TensorProto.DataType.FLOAT_VALUE, bytes.array());
    }

    /**
     * A float32 tensor of the values, in C order: one copy straight out of the buffer when the
     * values lie there in C order already (most parameter views do), else after ND4J's own copy.
     */
    static TensorProto floats(String name, INDArray values) {
        INDArray c = values.dataType() == DataType.FLOAT && isCOrdered(values) ? values : values.castTo(DataType.FLOAT).dup('c');
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            return floats(name, values.shape(), c.data().asFloat());
        }
        ByteBuffer buffer = c.data().asNio().duplicate();
        long start = c.offset() * Float.BYTES;
        buffer.limit(Math.toIntExact(start + c.length() * Float.BYTES)).position(Math.toIntExact(start));
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(buffer));
        // The NIO view does not keep c's memory alive; ND4J frees it once c is collected.
        Reference.reachabilityFence(c);
        for (long dim : values.shape()) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    /** Whether each axis' stride is the product of the later sizes (axes of size 1 aside). */
    private static boolean isCOrdered(INDArray values) {
        long[] shape = values.shape();
        long[] stride = values.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1) {
                if (stride[d] != expected) {
                    return false;
                }
                expected *= shape[d];
            }
        }
        return true;
    }

    static TensorProto longs(String name, long[] shape, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return raw(name, shape, TensorProto.DataType.INT64_VALUE, bytes.array());
    }

    static TensorProto ints(String name, long[] shape, int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return raw(name, shape, TensorProto.DataType.INT32_VALUE, bytes.array());
    }

    static TensorProto raw(String name, long[] shape, int type, byte[] data) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(data));
        for (long dim : shape) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }
}
