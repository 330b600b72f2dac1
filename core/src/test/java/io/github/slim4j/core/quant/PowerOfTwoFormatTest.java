package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PowerOfTwoFormatTest {
    private static final WeightAxes VECTOR = new WeightAxes(0, 0);

    /** 4 bits: the 7 powers 2^0 … 2^-6 under a largest |w| of 1; nearest in the linear domain, ties up, half the smallest to zero. */
    @Test
    void valuesRoundToTheNearestPowerInTheWindow() {
        float[] x = {1f, -1f, 0.3f, 0.7f, 0.05f, 0.01f, 0.005f, 0.1875f, 0x1p-7f, 0x1.0001p-7f, 0f, -0.75f};
        float[] expected = {1f, -1f, 0.25f, 0.5f, 0.0625f, 0x1p-6f, 0f, 0.25f, 0f, 0x1p-6f, 0f, -1f};
        QuantizedTensor quantized = new PowerOfTwoFormat(4).quantize(Nd4j.createFromArray(x), VECTOR);
        assertArrayEquals(expected, quantized.dequantize().toFloatVector());
        assertEquals(QParams.perTensor(1f, 0), quantized.qparams().orElseThrow());
        int[] codes = quantized.codes().unpack(false);
        assertEquals(0b0111, codes[0], "sign 0, the top exponent code 7");
        assertEquals(0b1111, codes[1]);
        assertEquals(0b0101, codes[2], "2^-2 is two below the top");
        assertEquals(0b0001, codes[5], "2^-6, the smallest power");
        assertEquals(0, codes[10]);
    }

    @Test
    void theTopPowerIsTheOneNearestTheLargestMagnitude() {
        assertEquals(1f, top(1.4f));
        assertEquals(2f, top(1.5f), "a tie goes up");
        assertEquals(2f, top(-1.6f));
        assertEquals(0x1p-140f, top(0x1p-140f), "subnormal magnitudes too");
        assertEquals(0x1p127f, top(Float.MAX_VALUE), "the largest float power, not infinity");
        assertEquals(0x1p127f, new PowerOfTwoFormat(3).quantize(Nd4j.createFromArray(Float.MAX_VALUE), VECTOR)
                .dequantize().getFloat(0), "saturates at the top power");
        QuantizedTensor zeros = new PowerOfTwoFormat(4).quantize(Nd4j.zeros(DataType.FLOAT, 3), VECTOR);
        assertEquals(QParams.perTensor(1f, 0), zeros.qparams().orElseThrow());
        assertArrayEquals(new int[3], zeros.codes().unpack(false));
    }

    @Test
    void twoBitsAreTernary() {
        INDArray values = Nd4j.createFromArray(0.9f, -0.4f, 0.2f, -0.6f);
        assertArrayEquals(new float[] {1f, -0f, 0f, -1f}, new PowerOfTwoFormat(2).quantize(values, VECTOR).dequantize().toFloatVector());
        assertEquals("pow2:2", new PowerOfTwoFormat(2).name());
        assertEquals("power-of-two formats have 2 to 8 bits, got 9", assertThrows(Slim4jException.class, () -> new PowerOfTwoFormat(9))
                .getMessage());
    }

    private static float top(float largest) {
        return new PowerOfTwoFormat(8).quantize(Nd4j.createFromArray(largest, 0f), VECTOR).qparams().orElseThrow().scales()[0];
    }
}
