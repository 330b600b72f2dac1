package io.github.slim4j.onnx.export;

import com.google.protobuf.ByteString;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
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

    /** A float32 tensor of the values, in C order. */
    static TensorProto floats(String name, INDArray values) {
        return floats(name, values.shape(), values.castTo(DataType.FLOAT).dup('c').data().asFloat());
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
