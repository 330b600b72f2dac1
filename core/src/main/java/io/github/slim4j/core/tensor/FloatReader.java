package io.github.slim4j.core.tensor;

import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.IntStream;
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
     * 64K values per part at least: a calibration pass over the CNN fixture took 70 ms of
     * statistics on one thread, 50 ms in parts of at least 256K and 45 ms in parts of at least 64K.
     */
    static final long MIN_PART = 1 << 16;

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
        DataBuffer data = denseData(values);
        read(data, 0, length, consumer);
    }

    /**
     * As {@link #forEachChunk}, with the tensor cut into contiguous parts that are read side by side,
     * one per core of the common pool plus the calling thread, each into a consumer of its own.
     * Returns the consumers in part order, so that combining them is as deterministic as the
     * consumers are: a tensor shorter than two parts of {@value #MIN_PART} values is one part, read
     * on the calling thread.
     */
    public static <T extends ChunkConsumer> List<T> forEachChunkInParts(INDArray values, Supplier<T> consumers) {
        long length = values.length();
        int parts = (int) Math.max(1, Math.min(ForkJoinPool.getCommonPoolParallelism() + 1L, length / MIN_PART));
        List<T> consumed = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            consumed.add(consumers.get());
        }
        if (length == 0) {
            return consumed;
        }
        DataBuffer data = denseData(values);
        long perPart = (length + parts - 1) / parts;
        IntStream range = IntStream.range(0, parts);
        (parts > 1 ? range.parallel() : range).forEach(part -> {
            long from = part * perPart;
            read(data, from, Math.min(length, from + perPart) - from, consumed.get(part));
        });
        return consumed;
    }

    /** The tensor's values as one unbroken range starting at its buffer's offset, in FLOAT or DOUBLE. */
    private static DataBuffer denseData(INDArray values) {
        INDArray dense = isDense(values) ? values : values.dup();
        DataType type = dense.dataType();
        return type == DataType.FLOAT || type == DataType.DOUBLE ? dense.data() : dense.castTo(DataType.FLOAT).data();
    }

    private static void read(DataBuffer data, long from, long length, ChunkConsumer consumer) {
        try {
            if (data.dataType() == DataType.DOUBLE) {
                readDoubles(data, from, length, consumer);
            } else {
                readFloats(data, from, length, consumer);
            }
        } finally {
            // The NIO view does not keep the DataBuffer alive, and ND4J frees the memory of a
            // collected one: without this fence a GC mid-read let chunks come from freed memory.
            Reference.reachabilityFence(data);
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
    private static void readFloats(DataBuffer data, long from, long length, ChunkConsumer consumer) {
        FloatBuffer source = data.asNioFloat();
        source.position(source.position() + (int) from);
        float[] chunk = new float[(int) Math.min(CHUNK, length)];
        for (long left = length; left > 0; ) {
            int n = (int) Math.min(chunk.length, left);
            source.get(chunk, 0, n);
            consumer.accept(chunk, n);
            left -= n;
        }
    }

    private static void readDoubles(DataBuffer data, long from, long length, ChunkConsumer consumer) {
        DoubleBuffer source = data.asNioDouble();
        source.position(source.position() + (int) from);
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
