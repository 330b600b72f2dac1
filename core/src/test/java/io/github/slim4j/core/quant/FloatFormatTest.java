package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * fp16, bf16, OCP fp8 E4M3 and E5M2 and reduced mantissas against their definitions: every code's
 * value from the formula {@code (−1)^s × 2^(e − bias) × 1.m} (subnormals {@code 0.m × 2^(1 − bias)}),
 * and rounding against a brute-force search for the nearest of those values, ties to the even code.
 */
class FloatFormatTest {
    private static final FloatFormat FP16 = new FloatFormat(FloatFormat.Kind.FP16);
    private static final FloatFormat BF16 = new FloatFormat(FloatFormat.Kind.BF16);
    private static final FloatFormat E4M3 = new FloatFormat(FloatFormat.Kind.FP8_E4M3);
    private static final FloatFormat E5M2 = new FloatFormat(FloatFormat.Kind.FP8_E5M2);

    @Test
    void ocpE4M3IsFiniteWithOneNaNAndSaturatesAt448() {
        assertEquals(448f, E4M3.decode(0x7E));
        assertEquals(0x7E, E4M3.encode(448f));
        assertEquals(0x7E, E4M3.encode(449f), "beyond the largest value saturates");
        assertEquals(0x7E, E4M3.encode(480f), "even the midpoint to the missing next value");
        assertEquals(0x7E, E4M3.encode(1e30f));
        assertEquals(0x7E, E4M3.encode(Float.POSITIVE_INFINITY), "no infinity: saturates");
        assertEquals(0xFE, E4M3.encode(Float.NEGATIVE_INFINITY));
        assertEquals(0x7F, E4M3.encode(Float.NaN), "NaN is S.1111.111");
        assertTrue(Float.isNaN(E4M3.decode(0x7F)) && Float.isNaN(E4M3.decode(0xFF)));
        assertEquals(0x78, E4M3.encode(256f), "S.1111.000 is a value, not infinity");
        assertEquals(0x1p-9f, E4M3.decode(0x01), "smallest subnormal");
        assertEquals(0x01, E4M3.encode(0x1p-9f));
        assertEquals(0x00, E4M3.encode(0x1p-10f), "half the smallest subnormal ties to the even 0");
        assertEquals(0x01, E4M3.encode(0x1.0001p-10f));
        assertEquals(0x02, E4M3.encode(3 * 0x1p-10f), "1.5 subnormal steps tie to the even 2");
        assertEquals(0x80, E4M3.encode(-0f));
        assertEquals(0x08, E4M3.encode(0x1p-6f), "smallest normal");
        assertEquals(0x38, E4M3.encode(1.0625f), "1 + 1/16 ties to the even 1.0");
        assertEquals(0x3A, E4M3.encode(1.3125f), "1 + 5/16 ties to the even 1.375");
    }

    @Test
    void ocpE5M2IsIeeeLikeWithInfinity() {
        assertEquals(57344f, E5M2.decode(0x7B));
        assertEquals(0x7B, E5M2.encode(61439f));
        assertEquals(0x7C, E5M2.encode(61440f), "the midpoint to 2^16 ties to the even 2^16, which overflows");
        assertEquals(Float.POSITIVE_INFINITY, E5M2.decode(0x7C));
        assertEquals(0xFC, E5M2.encode(Float.NEGATIVE_INFINITY));
        assertEquals(0x7E, E5M2.encode(Float.NaN));
        assertTrue(Float.isNaN(E5M2.decode(0x7D)) && Float.isNaN(E5M2.decode(0x7F)));
        assertEquals(0x1p-16f, E5M2.decode(0x01), "smallest subnormal");
        assertEquals(0x00, E5M2.encode(0x1p-17f));
        assertEquals(0x01, E5M2.encode(0x1.8p-17f));
    }

    @Test
    void nanCodesAreTheQuietNaNsAndKeepTheSign() {
        assertEquals(0x7E00, FP16.encode(Float.NaN));
        assertEquals(0xFE00, FP16.encode(Float.intBitsToFloat(0xFFC00000)));
        assertEquals(0x7FC0, BF16.encode(Float.NaN));
        assertEquals(0x7C00, FP16.encode(Float.POSITIVE_INFINITY));
        assertEquals(65504f, FP16.decode(0x7BFF));
        assertEquals(0x7C00, FP16.encode(65520f));
        assertEquals(0x7BFF, FP16.encode(65519.996f));
    }

    @Test
    void everyCodeHasTheValueOfTheDefinition() {
        for (FloatFormat format : new FloatFormat[] {FP16, BF16, E4M3, E5M2}) {
            Definition definition = Definition.of(format);
            for (int code = 0; code < 1 << format.bits(); code++) {
                float value = format.decode(code);
                if (definition.isNaN(code)) {
                    assertTrue(Float.isNaN(value), format.name() + " code " + code);
                } else {
                    assertEquals(Float.floatToIntBits(definition.value(code)), Float.floatToIntBits(value), format.name() + " code " + code);
                    assertEquals(code, format.encode(value), format.name() + " round trip of code " + code);
                }
            }
        }
    }

    /** Random floats across every format's range, subnormals and overflow included. */
    @Test
    void roundingGoesToTheNearestValueTiesToEven() {
        Random random = new Random(11);
        for (FloatFormat format : new FloatFormat[] {FP16, BF16, E4M3, E5M2}) {
            Definition definition = Definition.of(format);
            for (int i = 0; i < 20_000; i++) {
                float x = randomFloat(random, definition);
                assertEquals(definition.nearest(x), format.encode(x), format.name() + " of " + x);
            }
            for (int code = 0; code < definition.maxFinite; code++) {
                float midpoint = (float) (((double) definition.value(code) + definition.value(code + 1)) / 2);
                if ((double) midpoint == ((double) definition.value(code) + definition.value(code + 1)) / 2) {
                    assertEquals(definition.nearest(midpoint), format.encode(midpoint), format.name() + " tie after code " + code);
                }
            }
        }
    }

    /** A reduced mantissa of 10 bits and 5 exponent bits is fp16; of 7 bits with float32's exponent, bf16; others round float32's bits. */
    @Test
    void reducedMantissasAreTheSameRounding() {
        MantissaFormat half = new MantissaFormat(10, 5);
        MantissaFormat brain = new MantissaFormat(7, 8);
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            float x = Float.intBitsToFloat(random.nextInt());
            if (Float.isNaN(x)) {
                continue;
            }
            assertEquals(FP16.encode(x), half.encode(x), "fp16 of " + x);
            assertEquals(BF16.encode(x), brain.encode(x), "bf16 of " + x);
            for (int mantissa = 1; mantissa <= 22; mantissa++) {
                MantissaFormat format = new MantissaFormat(mantissa, 8);
                assertEquals(Float.floatToIntBits(roundBits(x, mantissa)), Float.floatToIntBits(format.decode(format.encode(x))),
                        format.name() + " of " + x);
            }
        }
        MantissaFormat narrow = new MantissaFormat(3, 4);
        assertEquals(Float.POSITIVE_INFINITY, narrow.decode(narrow.encode(1e6f)), "an IEEE format: overflow is infinite");
        assertEquals(240f, narrow.decode(narrow.encode(240f)));
        assertEquals("mantissa:3:4", narrow.name());
        assertEquals("a reduced mantissa keeps 1 to 22 bits, got 23", assertThrows(Slim4jException.class, () -> new MantissaFormat(23, 8))
                .getMessage());
    }

    @Test
    void tensorsQuantizeValueByValueAndRefuseNaN() {
        INDArray values = Nd4j.createFromArray(new float[][] {{1.1f, -3e-6f, 70000f}, {-0f, 0.333f, 1e-9f}});
        QuantizedTensor quantized = FP16.quantize(values, new WeightAxes(1, 0));
        int[] codes = quantized.codes().unpack(false);
        float[] flat = values.reshape(6).toFloatVector();
        for (int i = 0; i < 6; i++) {
            assertEquals(FP16.encode(flat[i]), codes[i]);
        }
        assertEquals(Float.POSITIVE_INFINITY, quantized.dequantize().getFloat(0, 2), "70000 overflows fp16");
        assertEquals(96, quantized.storageBits(), "16 bits a value, no parameters");
        assertArrayEquals(new long[] {2, 3}, quantized.shape());
        assertEquals("the tensor holds 1 NaN value; quantization needs finite values",
                assertThrows(Slim4jException.class, () -> E4M3.quantize(Nd4j.createFromArray(Float.NaN, 1f), new WeightAxes(0, 0))).getMessage());
    }

    /** float32 rounded to {@code mantissa} bits, half to even on its bits, as bf16's "add 0x7FFF plus the kept lsb". */
    private static float roundBits(float x, int mantissa) {
        int drop = 23 - mantissa;
        int bits = Float.floatToRawIntBits(x);
        int rounded = bits + (1 << (drop - 1)) - 1 + ((bits >>> drop) & 1);
        return Float.intBitsToFloat(rounded & -(1 << drop));
    }

    private static float randomFloat(Random random, Definition definition) {
        double magnitude = Math.scalb(1.0, (int) Math.floor(random.nextDouble() * (definition.maxExponent - definition.minExponent + 8))
                + definition.minExponent - definition.mantissaBits - 4) * (1 + random.nextDouble());
        return (float) (random.nextBoolean() ? magnitude : -magnitude);
    }

    /** A format's values from its definition, and the nearest one to a float by search. */
    private record Definition(int exponentBits, int mantissaBits, int bias, boolean infinity, int maxFinite, int minExponent, int maxExponent) {

        static Definition of(FloatFormat format) {
            int e = format.kind().exponentBits();
            int m = format.kind().mantissaBits();
            boolean infinity = format.kind() != FloatFormat.Kind.FP8_E4M3;
            int top = (1 << e) - 1;
            int maxFinite = infinity ? (top << m) - 1 : (top << m | ((1 << m) - 1)) - 1;
            int bias = (1 << (e - 1)) - 1;
            return new Definition(e, m, bias, infinity, maxFinite, 1 - bias, (maxFinite >>> m) - bias);
        }

        boolean isNaN(int code) {
            int magnitude = code & ((1 << (exponentBits + mantissaBits)) - 1);
            return magnitude > maxFinite && !(infinity && magnitude == (((1 << exponentBits) - 1) << mantissaBits));
        }

        float value(int code) {
            int magnitude = code & ((1 << (exponentBits + mantissaBits)) - 1);
            double value;
            if (magnitude > maxFinite) {
                value = Double.POSITIVE_INFINITY;
            } else {
                int e = magnitude >>> mantissaBits;
                int m = magnitude & ((1 << mantissaBits) - 1);
                value = e == 0 ? m * Math.pow(2, 1 - bias - mantissaBits) : (1 + m / Math.pow(2, mantissaBits)) * Math.pow(2, e - bias);
            }
            return (float) ((code >>> (exponentBits + mantissaBits) & 1) == 1 ? -value : value);
        }

        /** The code of the nearest value, ties to the even code; beyond the largest, infinity or the largest as the format does. */
        int nearest(float x) {
            int sign = x < 0 || (x == 0 && 1 / x < 0) ? 1 << (exponentBits + mantissaBits) : 0;
            double magnitude = Math.abs((double) x);
            double max = value(maxFinite);
            double next = Math.pow(2, maxExponent + 1);
            if (magnitude > max) {
                boolean overflows = infinity && magnitude >= (max + next) / 2;
                return sign | (overflows ? maxFinite + 1 : maxFinite);
            }
            int low = 0;
            int high = maxFinite;
            while (low < high) {
                int middle = (low + high + 1) >>> 1;
                if (value(middle) <= magnitude) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            if (low == maxFinite || value(low) == magnitude) {
                return sign | low;
            }
            double below = magnitude - value(low);
            double above = value(low + 1) - magnitude;
            int code = below < above ? low : above < below ? low + 1 : (low % 2 == 0 ? low : low + 1);
            return sign | code;
        }
    }
}
