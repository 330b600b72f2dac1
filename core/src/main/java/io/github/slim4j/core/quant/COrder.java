package io.github.slim4j.core.quant;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tensor's values in C order, the order codes run in, a chunk at a time. A float32 tensor laid
 * out that way is read and written straight through its buffer, in bulk copies into a chunk that
 * stays in L1 cache; any other (a DL4J dense weight is an f-ordered view; float64, a transpose, a
 * strided view) is first copied into a C-ordered float32 tensor by ND4J, in one native copy, and
 * assigned back after an update.
 *
 * <p>A large tensor is streamed in {@link #PARTS} contiguous parts at once, one consumer each, on
 * the common fork-join pool: the loops are as fast as memory, and both cores double that on these
 * machines. Chunks start at the same positions either way, and a consumer that keeps what each
 * chunk gives by its position (or only takes extremes or counts) gives bit for bit what one
 * consumer over the whole tensor gives.
 */
final class COrder {
    /** Values per chunk: 16 KiB of floats. */
    static final int CHUNK = 4096;
    /** Parts a large tensor is split into: a fixed number, so work and results do not depend on the machine. */
    static final int PARTS = 8;
    /** Below this many values one consumer streams the tensor: splitting costs more than it gains. */
    static final long PARALLEL_FROM = 1L << 20;

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
        editInPlace(values, floats -> stream(floats, editor, true));
    }

    /**
     * Passes every value, in chunks as {@link #forEachChunk} does, to a consumer of its own for each
     * part of a large tensor, the parts at once.
     *
     * @param consumers makes one consumer for each part; consumers run on several threads at once
     */
    static void forEachChunkInParts(INDArray values, Supplier<? extends ChunkConsumer> consumers) {
        inParts(contiguousFloats(values), consumers, false);
    }

    /** Passes every value as {@link #forEachChunkInParts} does, and writes each chunk back as its consumer left it. */
    static void updateInParts(INDArray values, Supplier<? extends ChunkConsumer> editors) {
        editInPlace(values, floats -> inParts(floats, editors, true));
    }

    /** Edits the values' C-ordered float32 form, and assigns it back when that was a copy. */
    private static void editInPlace(INDArray values, Consumer<INDArray> edit) {
        INDArray floats = contiguousFloats(values);
        edit.accept(floats);
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
        stream(floats, consumer, writeBack, 0, floats.length());
    }

    private static void inParts(INDArray floats, Supplier<? extends ChunkConsumer> consumers, boolean writeBack) {
        long length = floats.length();
        if (length < PARALLEL_FROM) {
            stream(floats, consumers.get(), writeBack);
            return;
        }
        long chunks = (length + CHUNK - 1) / CHUNK;
        IntStream.range(0, PARTS).parallel().forEach(part -> stream(floats, consumers.get(), writeBack,
                chunks * part / PARTS * CHUNK, Math.min(length, chunks * (part + 1) / PARTS * CHUNK)));
    }

    /** Streams values {@code from…to}, {@code from} at the start of a chunk. */
    private static void stream(INDArray floats, ChunkConsumer consumer, boolean writeBack, long from, long to) {
        if (to <= from) {
            return;
        }
        // asNioFloat() spans the whole allocation, positioned where this tensor's own range starts.
        // Absolute gets and puts leave the view's position alone, so parts may share the buffer.
        FloatBuffer buffer = floats.data().asNioFloat();
        int start = buffer.position();
        float[] chunk = new float[(int) Math.min(CHUNK, to - from)];
        for (long position = from; position < to; position += CHUNK) {
            int n = (int) Math.min(CHUNK, to - position);
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
