package io.github.slim4j.core.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hands a tensor's values to a hot loop as chunks of a plain {@code float[]}, in buffer order.
 *
 * <p>Statistics and histograms do not care about element order, so a dense tensor (a c- or
 * f-ordered block, including DL4J's parameter views into the flat parameter vector, row slices and
 * transposes) is read straight from its range of the off-heap buffer: a bulk copy into a small
 * reusable array that stays in L1 cache, where a plain loop vectorizes. Only a strided view is
 * first copied with {@code dup()}. In JMH reading 1M floats this way takes 0.8× the time of a heap
 * {@code System.arraycopy} of them, while {@code DataBuffer.getFloatsAt} and {@code asFloat}, which
 * copy the whole range into a new array, take 10–12× (benchmarks/README.md).
 *
 * <p>FLOAT is read as is, DOUBLE is narrowed to float chunk by chunk, any other type (HALF,
 * BFLOAT16, integers) is first cast to FLOAT. Narrowing keeps statistics to float precision, which is
 * what weights are stored in.
 */
public final class FloatReader {
    /** 16 KiB: large enough to amortize the copy, small enough to stay in L1 for the loop over it. */
    static final int CHUNK = 4096;

    /**
     * Receives {@code length} values in {@code chunk[0..length)}. The array is the reader's own
     * copy, reused between calls: the consumer may overwrite it, and must not keep it.
     */
    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(float[] chunk, int length);
    }

    private FloatReader() {
    }

    /** Passes every value of the tensor to the consumer, in chunks; nothing for an empty tensor. */
    public static void forEachChunk(INDArray values, ChunkConsumer consumer) {
        long length = values.length();
        if (length == 0) {
            return;
        }
        INDArray dense = isDense(values) ? values : values.dup();
        DataType type = dense.dataType();
        if (type == DataType.FLOAT) {
            readFloats(dense.data(), length, consumer);
        } else if (type == DataType.DOUBLE) {
            readDoubles(dense.data(), length, consumer);
        } else {
            readFloats(dense.castTo(DataType.FLOAT).data(), length, consumer);
        }
    }

    /**
     * Whether the tensor's elements fill one unbroken range of its buffer, in any dimension order:
     * sorted by stride, each dimension's stride must equal the product of the smaller ones' sizes.
     * Unlike elementWiseStride() == 1 this reads the order of the dimensions out of the strides, so
     * an f-ordered transpose of a c-ordered block counts as dense too.
     */
    public static boolean isDense(INDArray values) {
        long[] shape = values.shape();
        long[] stride = values.stride();
        int rank = shape.length;
        long[][] dims = new long[rank][];
        int n = 0;
        for (int d = 0; d < rank; d++) {
            if (shape[d] != 1) {
                dims[n++] = new long[] {stride[d], shape[d]};
            }
        }
        java.util.Arrays.sort(dims, 0, n, java.util.Comparator.comparingLong(dim -> dim[0]));
        long expected = 1;
        for (int i = 0; i < n; i++) {
            if (dims[i][0] != expected) {
                return false;
            }
            expected *= dims[i][1];
        }
        return true;
    }

    /*
     * asNioFloat() spans the whole underlying allocation and comes positioned at this buffer's
     * offset, which for a view is where the view starts.
     */
    private static void readFloats(DataBuffer data, long length, ChunkConsumer consumer) {
        FloatBuffer source = data.asNioFloat();
        float[] chunk = new float[(int) Math.min(CHUNK, length)];
        for (long left = length; left > 0; ) {
            int n = (int) Math.min(chunk.length, left);
            source.get(chunk, 0, n);
            consumer.accept(chunk, n);
            left -= n;
        }
    }

    private static void readDoubles(DataBuffer data, long length, ChunkConsumer consumer) {
        DoubleBuffer source = data.asNioDouble();
        int size = (int) Math.min(CHUNK, length);
        double[] wide = new double[size];
        float[] chunk = new float[size];
        for (long left = length; left > 0; ) {
            int n = (int) Math.min(size, left);
            source.get(wide, 0, n);
            for (int i = 0; i < n; i++) {
                chunk[i] = (float) wide[i];
            }
            consumer.accept(chunk, n);
            left -= n;
        }
    }
}
