package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves between a tensor's values and its packed codes a chunk at a time, in C order, so that
 * neither the values nor the codes of a large tensor are ever unpacked whole: each chunk's values,
 * codes and decoded values stay in L1 cache while a codec's loop runs over them. A large tensor's
 * parts run at once ({@link COrder#forEachChunkInParts}), each with a codec of its own, since a
 * codec keeps scratch space; a chunk's codes start on a byte boundary at any width (4,096 codes).
 */
final class CodeStream {

    /**
     * Receives a chunk of a tensor's values beside the values its codes stand for, both arrays
     * reused; called from several threads at once, each chunk once.
     */
    @FunctionalInterface
    interface ChunkPair {
        void accept(long position, float[] values, float[] decoded, int length);
    }

    private CodeStream() {
    }

    /** The codes of every value, packed at {@code bits} bits; {@code codecs} makes a codec for each part. */
    static PackedCodes encode(INDArray values, Supplier<? extends Codec> codecs, int bits) {
        long count = values.length();
        if (count > Integer.MAX_VALUE) {
            throw new Slim4jException("cannot quantize a tensor of " + count + " values; one tensor may have " + Integer.MAX_VALUE);
        }
        byte[] bytes = new byte[PackedCodes.byteLength(count, bits)];
        COrder.forEachChunkInParts(values, () -> {
            Codec codec = codecs.get();
            int[] codes = new int[COrder.CHUNK];
            return (chunk, position, length) -> {
                codec.encode(chunk, position, length, codes);
                PackedCodes.pack(codes, length, bits, bytes, position);
            };
        });
        return new PackedCodes(bytes, bits, count);
    }

    /**
     * Writes what every code of the tensor stands for into {@code target}, a tensor of its shape,
     * showing each chunk of the values it replaces beside the new ones first.
     */
    static void decodeInto(QuantizedTensor tensor, INDArray target, ChunkPair replaced) {
        COrder.updateInParts(target, () -> {
            Decoder decoder = new Decoder(tensor);
            return (chunk, position, length) -> {
                float[] decoded = decoder.decode(position, length);
                replaced.accept(position, chunk, decoded, length);
                System.arraycopy(decoded, 0, chunk, 0, length);
            };
        });
    }

    /** Reads {@code values}, of the tensor's shape, beside what the tensor's codes stand for. */
    static void alongside(INDArray values, QuantizedTensor tensor, ChunkPair consumer) {
        COrder.forEachChunkInParts(values, () -> {
            Decoder decoder = new Decoder(tensor);
            return (chunk, position, length) -> consumer.accept(position, chunk, decoder.decode(position, length), length);
        });
    }

    /** One part's codec and buffers. */
    private static final class Decoder {
        private final QuantizedTensor tensor;
        private final Codec codec;
        private final int[] codes = new int[COrder.CHUNK];
        private final float[] decoded = new float[COrder.CHUNK];

        Decoder(QuantizedTensor tensor) {
            this.tensor = tensor;
            this.codec = Codec.of(tensor);
        }

        float[] decode(long position, int length) {
            tensor.codes().unpack(position, length, codec.signedCodes(), codes);
            codec.decode(codes, position, length, decoded);
            return decoded;
        }
    }
}
