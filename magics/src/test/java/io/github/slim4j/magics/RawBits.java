package io.github.slim4j.magics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.nd4j.linalg.api.ndarray.INDArray;

/** "Unchanged" checked on the raw float bits, as the house rules ask: ND4J's {@code equals} allows 1e-5. */
public final class RawBits {
    private RawBits() {
    }

    /** The values' raw bits in C order. */
    public static int[] of(INDArray values) {
        float[] floats = values.dup('c').data().asFloat();
        int[] bits = new int[floats.length];
        for (int i = 0; i < floats.length; i++) {
            bits[i] = Float.floatToRawIntBits(floats[i]);
        }
        return bits;
    }

    public static void assertIdentical(INDArray expected, INDArray actual) {
        assertArrayEquals(of(expected), of(actual));
    }

    public static void assertIdentical(INDArray expected, INDArray actual, String message) {
        assertArrayEquals(of(expected), of(actual), message);
    }
}
