package io.github.slim4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * "Unchanged" and "identical" checked on the raw float bits in C order, as the house rules ask:
 * ND4J's {@code equals} allows a difference of 1e-5 ({@code Nd4j.EPS_THRESHOLD}).
 */
public final class Bitwise {
    private Bitwise() {
    }

    public static void assertIdentical(INDArray expected, INDArray actual) {
        assertArrayEquals(ByHand.bits(expected), ByHand.bits(actual));
    }

    public static void assertIdentical(INDArray expected, INDArray actual, String message) {
        assertArrayEquals(ByHand.bits(expected), ByHand.bits(actual), message);
    }
}
