package io.github.slim4j.core.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J arrays as the raw C-order bytes that safetensors holds, without going element by element. */
final class RawTensors {

    private RawTensors() {
    }

    /** The array itself when its buffer already runs in C order from its first element, else a C-order copy. */
    static INDArray cOrder(INDArray values) {
        boolean ownsBuffer = !values.isView() && values.ordering() == 'c' && values.offset() == 0
                && values.data().length() == values.length();
        return ownsBuffer ? values : values.dup('c');
    }

    /** The bytes of an array {@link #cOrder} returned, little-endian, as a buffer over its memory. */
    static ByteBuffer memory(INDArray dense) {
        long bytes = dense.length() * dense.dataType().width();
        ByteBuffer all = dense.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
        return all.limit(Math.toIntExact(bytes)).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A new C-order array of this type and shape, whose memory {@link #memory} then fills. */
    static INDArray allocate(DataType type, long[] shape) {
        return Nd4j.create(type, shape, 'c');
    }
}
