package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves between a tensor's values and its packed codes a chunk at a time, in C order, so that
 * neither the values nor the codes of a large tensor are ever unpacked whole: each chunk's values,
 * codes and decoded values stay in L1 cache while a codec's loop runs over them.
 */
final class CodeStream {

    /** Receives a chunk of a tensor's values beside the values its codes stand for, both arrays reused. */
    @FunctionalInterface
    interface ChunkPair {
        void accept(float[] values, float[] decoded, int length);
    }

    private CodeStream() {
    }

    /** The codes of every value, packed at {@code bits} bits. */
    static PackedCodes encode(INDArray values, Codec codec, int bits) {
        long count = values.length();
        if (count > Integer.MAX_VALUE) {
            throw new Slim4jException("cannot quantize a tensor of " + count + " values; one tensor may have " + Integer.MAX_VALUE);
        }
        byte[] bytes = new byte[PackedCodes.byteLength(count, bits)];
        int[] codes = new int[COrder.CHUNK];
        COrder.forEachChunk(values, (chunk, position, length) -> {
            codec.encode(chunk, position, length, codes);
            PackedCodes.pack(codes, length, bits, bytes, position);
        });
        return new PackedCodes(bytes, bits, count);
    }

    /**
     * Writes what every code of the tensor stands for into {@code target}, a tensor of its shape,
     * showing each chunk of the values it replaces beside the new ones first.
     */
    static void decodeInto(QuantizedTensor tensor, INDArray target, ChunkPair replaced) {
        Codec codec = Codec.of(tensor);
        int[] codes = new int[COrder.CHUNK];
        float[] decoded = new float[COrder.CHUNK];
        COrder.update(target, (chunk, position, length) -> {
            tensor.codes().unpack(position, length, codec.signedCodes(), codes);
            codec.decode(codes, position, length, decoded);
            replaced.accept(chunk, decoded, length);
            System.arraycopy(decoded, 0, chunk, 0, length);
        });
    }

    /** Reads {@code values}, of the tensor's shape, beside what the tensor's codes stand for. */
    static void alongside(INDArray values, QuantizedTensor tensor, ChunkPair consumer) {
        Codec codec = Codec.of(tensor);
        int[] codes = new int[COrder.CHUNK];
        float[] decoded = new float[COrder.CHUNK];
        COrder.forEachChunk(values, (chunk, position, length) -> {
            tensor.codes().unpack(position, length, codec.signedCodes(), codes);
            codec.decode(codes, position, length, decoded);
            consumer.accept(chunk, decoded, length);
        });
    }
}
