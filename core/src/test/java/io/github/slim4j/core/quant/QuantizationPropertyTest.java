package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.model.WeightAxes;
import java.util.Arrays;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class QuantizationPropertyTest {
    private static final WeightAxes VECTOR = new WeightAxes(0, 0);

    /** Inside the grid's range, a value is at most half a step from the value its code stands for (plus float rounding). */
    @Property(tries = 300)
    void errorInsideTheRangeIsAtMostHalfAStep(@ForAll("weights") float[] x, @ForAll @IntRange(min = 2, max = 16) int bits,
            @ForAll boolean affine, @ForAll boolean signed) {
        IntegerFormat format = new IntegerFormat(bits, affine ? Scheme.AFFINE : Scheme.SYMMETRIC, signed, new Granularity.PerTensor());
        QuantizedTensor quantized = format.quantize(Nd4j.createFromArray(x), VECTOR);
        float scale = quantized.qparams().orElseThrow().scales()[0];
        int zeroPoint = quantized.qparams().orElseThrow().zeroPoints()[0];
        float[] y = quantized.dequantize().toFloatVector();
        for (int i = 0; i < x.length; i++) {
            double steps = x[i] / (double) scale;
            if (steps >= format.qmin() - zeroPoint && steps <= format.qmax() - zeroPoint) {
                double bound = scale / 2.0 + 0x1p-21 * Math.abs(x[i]) + Math.ulp(y[i]);
                assertTrue(Math.abs(x[i] - (double) y[i]) <= bound, x[i] + " came back as " + y[i] + " with scale " + scale);
            }
        }
    }

    /** With the same parameters, quantizing the dequantized values again changes nothing. */
    @Property(tries = 300)
    void fakeQuantizingTwiceChangesNothing(@ForAll("weights") float[] x, @ForAll @IntRange(min = 2, max = 16) int bits, @ForAll boolean affine) {
        IntegerFormat format = new IntegerFormat(bits, affine ? Scheme.AFFINE : Scheme.SYMMETRIC, true, new Granularity.PerTensor());
        INDArray values = Nd4j.createFromArray(x);
        QParams qparams = format.qparams(values, VECTOR);
        format.fakeQuantize(values, qparams);
        float[] once = values.toFloatVector();
        format.fakeQuantize(values, qparams);
        assertArrayEquals(once, values.toFloatVector());
        assertEquals(format.quantize(Nd4j.createFromArray(once), qparams), format.quantize(Nd4j.createFromArray(x), qparams));
    }

    /** Formats with a fixed grid quantize their own values to themselves, parameters and all. */
    @Property(tries = 300)
    void gridFormatsQuantizeTheirValuesToThemselves(@ForAll("weights") float[] x, @ForAll("gridFormats") WeightFormat format) {
        QuantizedTensor once = format.quantize(Nd4j.createFromArray(x), VECTOR);
        INDArray values = once.dequantize();
        assertTrue(once.describes(values));
        // Values that overflowed to infinity cannot be quantized again.
        Assume.that(Float.isFinite(values.amaxNumber().floatValue()));
        assertEquals(once, format.quantize(values, VECTOR));
    }

    /** Larger values never stand for smaller ones, in every format (with one scale: slices have their own). */
    @Property(tries = 300)
    void valuesAreMonotonicInX(@ForAll("weights") float[] x, @ForAll("anyFormats") WeightFormat format) {
        float[] sorted = x.clone();
        Arrays.sort(sorted);
        float[] y = format.quantize(Nd4j.createFromArray(sorted), VECTOR).dequantize().toFloatVector();
        for (int i = 1; i < y.length; i++) {
            assertTrue(y[i - 1] <= y[i], format.name() + ": " + sorted[i - 1] + " → " + y[i - 1] + " but " + sorted[i] + " → " + y[i]);
        }
    }

    @Property(tries = 300)
    void integerCodesAreMonotonicInX(@ForAll("weights") float[] x, @ForAll @IntRange(min = 2, max = 16) int bits, @ForAll boolean signed) {
        float[] sorted = x.clone();
        Arrays.sort(sorted);
        IntegerFormat format = new IntegerFormat(bits, Scheme.AFFINE, signed, new Granularity.PerTensor());
        int[] codes = format.quantize(Nd4j.createFromArray(sorted), VECTOR).codes().unpack(signed);
        for (int i = 1; i < codes.length; i++) {
            assertTrue(codes[i - 1] <= codes[i]);
        }
    }

    @Property(tries = 500)
    void packingRoundTrips(@ForAll @IntRange(min = 1, max = 31) int bits, @ForAll boolean signed, @ForAll @IntRange(min = 0, max = 300) int count,
            @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        long lowest = signed ? -(1L << (bits - 1)) : 0;
        long span = 1L << bits;
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            codes[i] = (int) (lowest + Math.floorMod(random.nextLong(), span));
        }
        PackedCodes packed = PackedCodes.pack(codes, bits, signed);
        assertEquals((count * (long) bits + 7) / 8, packed.bytes().length);
        assertArrayEquals(codes, packed.unpack(signed));
        for (int i = 0; i < count; i += 7) {
            assertEquals(codes[i], packed.code(i, signed));
        }
    }

    @Provide
    Arbitrary<float[]> weights() {
        Arbitrary<Float> ordinary = Arbitraries.floats().between(-4f, 4f);
        Arbitrary<Float> scaled = Combinators.combine(Arbitraries.floats().between(-1f, 1f), Arbitraries.integers().between(-30, 30))
                .as((mantissa, exponent) -> Math.scalb(mantissa, exponent));
        Arbitrary<Float> ties = Arbitraries.integers().between(-64, 64).map(k -> k / 4f + 0.125f);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, ordinary), net.jqwik.api.Tuple.of(3, scaled),
                net.jqwik.api.Tuple.of(1, ties), net.jqwik.api.Tuple.of(1, Arbitraries.just(0f)))
                .array(float[].class).ofMinSize(1).ofMaxSize(200);
    }

    @Provide
    Arbitrary<WeightFormat> gridFormats() {
        return Arbitraries.of(new FloatFormat(FloatFormat.Kind.FP16), new FloatFormat(FloatFormat.Kind.BF16),
                new FloatFormat(FloatFormat.Kind.FP8_E4M3), new FloatFormat(FloatFormat.Kind.FP8_E5M2), new MantissaFormat(3, 4),
                new MantissaFormat(12, 8), new FixedPointFormat(2, 5), new FixedPointFormat(0, 15), new PowerOfTwoFormat(3),
                new PowerOfTwoFormat(8));
    }

    @Provide
    Arbitrary<WeightFormat> anyFormats() {
        return Arbitraries.oneOf(gridFormats(), Arbitraries.of(WeightFormat.parse("int8:tensor"), WeightFormat.parse("uint4:affine:tensor"),
                WeightFormat.parse("int2:tensor"), WeightFormat.parse("int16:affine:tensor")));
    }
}
