package io.github.slim4j.core.quant;

import java.lang.ref.Reference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * A tensor's values in C order, the order codes run in, a chunk at a time. A float32 tensor laid
 * out that way is read and written straight through its buffer, in bulk copies into a chunk that
 * stays in L1 cache; any other (a DL4J dense weight is an f-ordered view; float64, a transpose, a
 * strided view) is first copied into a C-ordered float32 tensor by ND4J, in one native copy, and
 * assigned back after an update.
 */
final class COrder {
    /** Values per chunk: 16 KiB of floats. */
    static final int CHUNK = 4096;

    /** Receives values {@code position…position+length} in {@code chunk[0..length)}, an array it may change and must not keep. */
    @FunctionalInterface
    interface ChunkConsumer {
        void accept(float[] chunk, long position, int length);
    }

    private COrder() {
    }

    /** Passes every value, in C order, in chunks of at most {@link #CHUNK}. */
    static void forEachChunk(INDArray values, ChunkConsumer consumer) {
        stream(contiguousFloats(values), consumer, false);
    }

    /** Passes every value as {@link #forEachChunk} does, and writes each chunk back as the consumer left it. */
    static void update(INDArray values, ChunkConsumer editor) {
        INDArray floats = contiguousFloats(values);
        stream(floats, editor, true);
        if (floats != values) {
            values.assign(floats);
        }
    }

    /** Whether the values fill one range of their buffer in C order: each axis' stride is the product of the later sizes. */
    static boolean isContiguous(INDArray values) {
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

    private static INDArray contiguousFloats(INDArray values) {
        INDArray floats = values.dataType() == DataType.FLOAT ? values : values.castTo(DataType.FLOAT);
        return isContiguous(floats) ? floats : floats.dup('c');
    }

    private static void stream(INDArray floats, ChunkConsumer consumer, boolean writeBack) {
        long length = floats.length();
        if (length == 0) {
            return;
        }
        // asNioFloat() spans the whole allocation, positioned where this tensor's own range starts.
        FloatBuffer buffer = floats.data().asNioFloat();
        int start = buffer.position();
        float[] chunk = new float[(int) Math.min(CHUNK, length)];
        for (long position = 0; position < length; position += CHUNK) {
            int n = (int) Math.min(CHUNK, length - position);
            int at = start + (int) position;
            buffer.get(at, chunk, 0, n);
            consumer.accept(chunk, position, n);
            if (writeBack) {
                buffer.put(at, chunk, 0, n);
            }
        }
        // The NIO view does not keep the tensor's memory alive; ND4J frees it once it is collected.
        Reference.reachabilityFence(floats);
    }
}
