package io.github.slim4j.core.tensor;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float data moved into and out of ND4J's off-heap memory in bulk. {@code Nd4j.create(float[])}
 * stores element by element through an indexer, which JFR showed taking half of a calibration pass
 * when ONNX Runtime's outputs went that way, and a tenth of it for the batches of a data iterator.
 */
public final class FloatArrays {
    private FloatArrays() {
    }

    /** A new c-ordered FLOAT array of the shape holding the values, copied in one go. */
    public static INDArray create(float[] values, long... shape) {
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        memory(array).put(values);
        return array;
    }

    /**
     * The memory of a FLOAT array as a direct buffer over it, from its first element to the end of
     * its allocation: writing it writes the array, and native code (ONNX Runtime) can read and
     * write it in place. Only meaningful for an array that owns its buffer, such as a new one.
     * The buffer does not keep the array alive, and ND4J frees a collected array's memory: keep
     * the array reachable (a {@link java.lang.ref.Reference#reachabilityFence}) while the buffer is used.
     */
    public static FloatBuffer memory(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
