package io.github.slim4j.core.quant;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * {@link Float#floatToRawIntBits} and {@link Float#intBitsToFloat} over whole arrays, as a bulk copy
 * through one buffer's float and int views. JDK 17's C2 vectorizes no loop that converts between
 * float and int (those two calls, casts either way), which left the codecs' loops 4-10× slower than
 * their float arithmetic; a bulk copy of a chunk in L1 cache costs about what one vectorized loop
 * over it does. One instance per stream: it is not thread-safe.
 */
final class FloatBits {
    private final FloatBuffer floats;
    private final IntBuffer ints;

    FloatBits(int capacity) {
        ByteBuffer bytes = ByteBuffer.allocate(capacity * Float.BYTES).order(ByteOrder.nativeOrder());
        this.floats = bytes.asFloatBuffer();
        this.ints = bytes.asIntBuffer();
    }

    /** {@code bits[i] = Float.floatToRawIntBits(values[i])} for {@code i < length}. */
    void toInts(float[] values, int length, int[] bits) {
        floats.put(0, values, 0, length);
        ints.get(0, bits, 0, length);
    }

    /** {@code values[i] = Float.intBitsToFloat(bits[i])} for {@code i < length}. */
    void toFloats(int[] bits, int length, float[] values) {
        ints.put(0, bits, 0, length);
        floats.get(0, values, 0, length);
    }
}
