package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class FixedPointFormatTest {

    /** Q3.4: 8 bits, steps of 1/16 from −8 to 7.9375, half to even, saturating. */
    @Test
    void q3Dot4RoundsOntoSixteenthsAndSaturates() {
        FixedPointFormat q34 = new FixedPointFormat(3, 4);
        assertEquals(8, q34.bits());
        assertEquals(-128, q34.qmin());
        assertEquals(127, q34.qmax());
        float[] x = {1f / 32, 3f / 32, 0.1f, -2.53f, 7.96f, 100f, -8f, -9f};
        QuantizedTensor quantized = q34.quantize(Nd4j.createFromArray(x), new WeightAxes(0, 0));
        assertArrayEquals(new int[] {0, 2, 2, -40, 127, 127, -128, -128}, quantized.codes().unpack(true));
        assertArrayEquals(new float[] {0f, 0.125f, 0.125f, -2.5f, 7.9375f, 7.9375f, -8f, -8f}, quantized.dequantize().toFloatVector());
        assertEquals(QParams.perTensor(1f / 16, 0), quantized.qparams().orElseThrow());
        assertEquals(8 * 8 + 32, quantized.storageBits());
    }

    @Test
    void qmDotNThatDoesNotFitIsAnErrorThatSaysWhy() {
        assertEquals("fixed point Q9.9 takes 19 bits (sign, 9 integer and 9 fraction bits); fixed point has 2 to 16 bits",
                assertThrows(Slim4jException.class, () -> new FixedPointFormat(9, 9)).getMessage());
        assertEquals("fixed point Q0.0 takes 1 bit (sign, 0 integer and 0 fraction bits); fixed point has 2 to 16 bits",
                assertThrows(Slim4jException.class, () -> new FixedPointFormat(0, 0)).getMessage());
        assertEquals("fixed point needs 0 or more integer bits, got -1",
                assertThrows(Slim4jException.class, () -> new FixedPointFormat(-1, 4)).getMessage());
        // What --bits 4 with 5 integer bits gives, n = 4 - 1 - 5.
        assertEquals("fixed point with 5 integer bits takes at least 6 bits (sign and integer bits), more than 4",
                assertThrows(Slim4jException.class, () -> new FixedPointFormat(5, -2)).getMessage());
        assertEquals("fixed:Q0.15", new FixedPointFormat(0, 15).name());
    }
}
