package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class IntegerFormatTest {
    static final WeightAxes RAW = new WeightAxes(1, 0);
    /** A DL4J dense weight, [nIn, nOut]. */
    static final WeightAxes DENSE = new WeightAxes(0, 1);
    static final Granularity TENSOR = new Granularity.PerTensor();
    static final Granularity CHANNEL = new Granularity.PerChannel(OptionalInt.empty());

    @Test
    void anAllZeroTensorGetsTheSmallestScaleAndCodesOfZero() {
        INDArray zeros = Nd4j.zeros(DataType.FLOAT, 3, 4);
        QuantizedTensor affine = new IntegerFormat(8, Scheme.AFFINE, false, TENSOR).quantize(zeros, RAW);
        assertEquals(QParams.perTensor(TorchRules.EPS, 0), affine.qparams().orElseThrow());
        assertArrayEquals(new int[12], affine.codes().unpack(false));

        QuantizedTensor signedAffine = new IntegerFormat(8, Scheme.AFFINE, true, TENSOR).quantize(zeros, RAW);
        assertEquals(QParams.perTensor(TorchRules.EPS, -128), signedAffine.qparams().orElseThrow());
        int[] codes = new int[12];
        Arrays.fill(codes, -128);
        assertArrayEquals(codes, signedAffine.codes().unpack(true));
        assertEquals(zeros, signedAffine.dequantize());

        QuantizedTensor symmetric = new IntegerFormat(8, Scheme.SYMMETRIC, true, TENSOR).quantize(zeros, RAW);
        assertEquals(QParams.perTensor(TorchRules.EPS, 0), symmetric.qparams().orElseThrow());
    }

    /** Ranges include 0: a constant tensor's range is [0, c], a one-sided one reaches 0 from its side. */
    @Test
    void constantAndOneSidedRangesReachZero() {
        checkAgainstRules(Nd4j.valueArrayOf(new long[] {5, 5}, 3.0f), Scheme.AFFINE, false);
        checkAgainstRules(Nd4j.valueArrayOf(new long[] {5, 5}, -0.7f), Scheme.SYMMETRIC, true);
        INDArray positive = Nd4j.createFromArray(0.5f, 1f, 2f, 4f);
        QuantizedTensor quantized = new IntegerFormat(8, Scheme.AFFINE, true, TENSOR).quantize(positive, RAW);
        assertEquals(-128, quantized.qparams().orElseThrow().zeroPoints()[0], "min 0 sits on qmin");
        INDArray negative = Nd4j.createFromArray(-0.5f, -1f, -2f, -4f);
        quantized = new IntegerFormat(8, Scheme.AFFINE, true, TENSOR).quantize(negative, RAW);
        assertEquals(127, quantized.qparams().orElseThrow().zeroPoints()[0], "max 0 sits on qmax");
        assertEquals(-4f, quantized.dequantize().getFloat(3), 0f);
    }

    @Test
    void tinyRangesClampTheScaleToEps() {
        INDArray tiny = Nd4j.createFromArray(1e-10f, -3e-10f, 2e-10f);
        QuantizedTensor quantized = new IntegerFormat(8, Scheme.SYMMETRIC, true, TENSOR).quantize(tiny, RAW);
        assertEquals(TorchRules.EPS, quantized.qparams().orElseThrow().scales()[0]);
        assertArrayEquals(new int[3], quantized.codes().unpack(true));
        checkAgainstRules(tiny, Scheme.AFFINE, true);
    }

    /** k + 0.5 quantizes to the even neighbour, as nearbyint: 0.5 → 0, 1.5 → 2, 2.5 → 2, −0.5 → 0, −1.5 → −2. */
    @Test
    void exactTiesRoundHalfToEven() {
        INDArray ties = Nd4j.createFromArray(0.5f, 1.5f, 2.5f, 3.5f, -0.5f, -1.5f, -2.5f, 126.5f, -127.5f);
        QuantizedTensor quantized = new IntegerFormat(8, Scheme.SYMMETRIC, true, TENSOR).quantize(ties, QParams.perTensor(1f, 0));
        assertArrayEquals(new int[] {0, 2, 2, 4, 0, -2, -2, 126, -128}, quantized.codes().unpack(true));
        QuantizedTensor shifted = new IntegerFormat(8, Scheme.AFFINE, false, TENSOR).quantize(ties, QParams.perTensor(1f, 3));
        assertArrayEquals(new int[] {3, 5, 5, 7, 3, 1, 1, 129, 0}, shifted.codes().unpack(false), "the zero point adds after rounding");
    }

    @Test
    void valuesOutsideTheRangeClampToTheEndCodes() {
        INDArray values = Nd4j.createFromArray(-1000f, -8.2f, 7.9f, 1e30f, -1e30f);
        QuantizedTensor quantized = new IntegerFormat(4, Scheme.SYMMETRIC, true, TENSOR).quantize(values, QParams.perTensor(1f, 0));
        assertArrayEquals(new int[] {-8, -8, 7, 7, -8}, quantized.codes().unpack(true));
        assertEquals(Nd4j.createFromArray(-8f, -8f, 7f, 7f, -8f), quantized.dequantize());
    }

    @Test
    void unsignedSymmetricGridsCenterTheirZeroPoint() {
        INDArray values = Nd4j.createFromArray(-1f, 0.25f, 1f);
        assertEquals(128, new IntegerFormat(8, Scheme.SYMMETRIC, false, TENSOR).quantize(values, RAW).qparams().orElseThrow().zeroPoints()[0]);
        assertEquals(8, new IntegerFormat(4, Scheme.SYMMETRIC, false, TENSOR).quantize(values, RAW).qparams().orElseThrow().zeroPoints()[0]);
    }

    @Test
    void everyWidthFrom2To16HasItsCodeRange() {
        for (int bits = 2; bits <= 16; bits++) {
            IntegerFormat signed = new IntegerFormat(bits, Scheme.SYMMETRIC, true, TENSOR);
            IntegerFormat unsigned = new IntegerFormat(bits, Scheme.AFFINE, false, TENSOR);
            assertEquals(-(1 << (bits - 1)), signed.qmin());
            assertEquals((1 << (bits - 1)) - 1, signed.qmax());
            assertEquals(0, unsigned.qmin());
            assertEquals((1 << bits) - 1, unsigned.qmax());
            INDArray values = random(3, 7, bits);
            checkAgainstRules(values, Scheme.SYMMETRIC, true, bits);
            checkAgainstRules(values, Scheme.AFFINE, false, bits);
        }
        assertEquals("integer formats have 2 to 16 bits, got 1",
                assertThrows(Slim4jException.class, () -> new IntegerFormat(1, Scheme.AFFINE, true, TENSOR)).getMessage());
        assertEquals("integer formats have 2 to 16 bits, got 17",
                assertThrows(Slim4jException.class, () -> new IntegerFormat(17, Scheme.AFFINE, true, TENSOR)).getMessage());
    }

    /** The channel axis defaults to the output axis and can be any other. */
    @Test
    void perChannelScalesFollowTheChosenAxis() {
        INDArray values = random(4, 6, 1);
        IntegerFormat byDefault = new IntegerFormat(8, Scheme.SYMMETRIC, true, CHANNEL);
        assertArrayEquals(rowScales(values), byDefault.quantize(values, RAW).qparams().orElseThrow().scales(), "raw: axis 0");
        assertArrayEquals(rowScales(values.transpose().dup()), byDefault.quantize(values, DENSE).qparams().orElseThrow().scales(),
                "DL4J dense: axis 1");
        IntegerFormat columns = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerChannel(OptionalInt.of(1)));
        QParams qparams = columns.quantize(values, RAW).qparams().orElseThrow();
        assertEquals(1, qparams.axis());
        assertArrayEquals(rowScales(values.transpose().dup()), qparams.scales());
    }

    /** Groups of G consecutive inputs within each output channel, channel-major; the same codes as quantizing each group alone. */
    @Test
    void perGroupScalesCoverGroupsAlongTheInputAxis() {
        INDArray raw = random(3, 8, 2);
        IntegerFormat groups = new IntegerFormat(4, Scheme.AFFINE, true, new Granularity.PerGroup(4));
        QuantizedTensor quantized = groups.quantize(raw, RAW);
        QParams qparams = quantized.qparams().orElseThrow();
        assertEquals(6, qparams.slices());
        assertEquals(0, qparams.axis());
        assertEquals(1, qparams.groupAxis());
        IntegerFormat whole = new IntegerFormat(4, Scheme.AFFINE, true, TENSOR);
        int[] codes = quantized.codes().unpack(true);
        for (int channel = 0; channel < 3; channel++) {
            for (int group = 0; group < 2; group++) {
                INDArray slice = raw.get(NDArrayIndex.point(channel), NDArrayIndex.interval(group * 4, group * 4 + 4)).dup();
                QuantizedTensor alone = whole.quantize(slice, RAW);
                assertEquals(alone.qparams().orElseThrow().scales()[0], qparams.scales()[channel * 2 + group]);
                assertArrayEquals(alone.codes().unpack(true), Arrays.copyOfRange(codes, channel * 8 + group * 4, channel * 8 + group * 4 + 4));
            }
        }
    }

    /** A DL4J dense W [nIn, nOut] groups along axis 0, its inputs; the C-ordered codes interleave channels. */
    @Test
    void perGroupOnADenseLayoutGroupsAlongAxisZero() {
        INDArray dense = random(8, 3, 3);
        QuantizedTensor quantized = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerGroup(4)).quantize(dense, DENSE);
        QParams qparams = quantized.qparams().orElseThrow();
        assertEquals(1, qparams.axis());
        assertEquals(0, qparams.groupAxis());
        QuantizedTensor transposed = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerGroup(4))
                .quantize(dense.transpose().dup(), RAW);
        assertEquals(transposed.qparams().orElseThrow().scales().length, qparams.scales().length);
        assertArrayEquals(transposed.qparams().orElseThrow().scales(), qparams.scales());
        assertEquals(transposed.dequantize().transpose(), quantized.dequantize());
    }

    /** Convolution kernels [nOut, nIn, kH, kW]: a group pools its inputs' kernel positions; a vector is cut along its length. */
    @Test
    void perGroupOnConvolutionsAndVectors() {
        INDArray conv = random(2, 36, 4).reshape('c', 2, 4, 3, 3);
        QParams qparams = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerGroup(2)).quantize(conv, new WeightAxes(1, 0))
                .qparams().orElseThrow();
        assertEquals(4, qparams.slices());
        for (int out = 0; out < 2; out++) {
            for (int group = 0; group < 2; group++) {
                INDArray block = conv.get(NDArrayIndex.point(out), NDArrayIndex.interval(group * 2, group * 2 + 2), NDArrayIndex.all(),
                        NDArrayIndex.all());
                float amax = block.amaxNumber().floatValue();
                assertEquals(amax / 127.5f, qparams.scales()[out * 2 + group], 0f);
            }
        }
        INDArray vector = Nd4j.createFromArray(1f, -2f, 3f, 0.5f, 8f, -4f);
        QParams cut = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerGroup(3)).quantize(vector, new WeightAxes(0, 0))
                .qparams().orElseThrow();
        assertArrayEquals(new float[] {3f / 127.5f, 8f / 127.5f}, cut.scales());
        assertEquals(-1, cut.axis());
    }

    @Test
    void badGroupsAxesAndValuesAreOneLineErrors() {
        INDArray values = random(6, 10, 5);
        IntegerFormat groupOf4 = new IntegerFormat(4, Scheme.SYMMETRIC, true, new Granularity.PerGroup(4));
        assertEquals("the input axis 1 has 10 values, not a multiple of the group size 4",
                assertThrows(Slim4jException.class, () -> groupOf4.quantize(values, RAW)).getMessage());
        IntegerFormat axis2 = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerChannel(OptionalInt.of(2)));
        assertEquals("channel axis 2 does not exist in a tensor of rank 2 (axes 0 to 1)",
                assertThrows(Slim4jException.class, () -> axis2.quantize(values, RAW)).getMessage());
        assertEquals("a group holds 1 value or more, got 0", assertThrows(Slim4jException.class, () -> new Granularity.PerGroup(0)).getMessage());
        assertEquals("a channel axis is 0 or more, got -1",
                assertThrows(Slim4jException.class, () -> new Granularity.PerChannel(OptionalInt.of(-1))).getMessage());

        INDArray broken = Nd4j.createFromArray(1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NaN);
        assertEquals("the tensor holds 2 NaN and 1 infinite values; quantization needs finite values",
                assertThrows(Slim4jException.class, () -> axis2.quantize(broken, QParams.perTensor(1f, 0))).getMessage());
        assertEquals("the tensor holds 1 infinite value; quantization needs finite values", assertThrows(Slim4jException.class,
                () -> new IntegerFormat(8, Scheme.AFFINE, true, TENSOR).quantize(Nd4j.createFromArray(1f, Float.NEGATIVE_INFINITY), RAW))
                .getMessage());
    }

    @Test
    void givenParametersMustFitTheTensorAndTheCodeRange() {
        IntegerFormat int8 = new IntegerFormat(8, Scheme.AFFINE, true, TENSOR);
        INDArray values = random(4, 3, 6);
        assertEquals("the parameters hold 2 scales, but a tensor of shape [4, 3] has 4 slices for them", assertThrows(Slim4jException.class,
                () -> int8.quantize(values, QParams.perChannel(new float[] {1, 1}, new int[] {0, 0}, 0))).getMessage());
        assertEquals("zero point 200 is outside the code range -128 to 127",
                assertThrows(Slim4jException.class, () -> int8.quantize(values, QParams.perTensor(1f, 200))).getMessage());
    }

    /** Fake quantization gives the dequantized codes bit for bit, keeps NaN, and sends infinities to the grid's ends. */
    @Test
    void fakeQuantizationEqualsDequantizedCodes() {
        IntegerFormat int8 = new IntegerFormat(8, Scheme.AFFINE, false, CHANNEL);
        INDArray values = random(64, 100, 7).muli(3);
        QParams qparams = int8.qparams(values, RAW);
        INDArray fake = values.dup();
        int8.fakeQuantize(fake, qparams);
        assertEquals(int8.quantize(values, qparams).dequantize(), fake);

        INDArray special = Nd4j.createFromArray(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.26f);
        new IntegerFormat(8, Scheme.SYMMETRIC, true, TENSOR).fakeQuantize(special, QParams.perTensor(0.5f, 0));
        assertTrue(Float.isNaN(special.getFloat(0)));
        assertEquals(63.5f, special.getFloat(1));
        assertEquals(-64f, special.getFloat(2));
        assertEquals(0.5f, special.getFloat(3));
    }

    /** An f-ordered view (as DL4J keeps dense weights) and float64 give the codes of the same values in C order. */
    @Test
    void layoutsAndDtypesDoNotChangeTheCodes() {
        INDArray values = random(5, 7, 8);
        IntegerFormat int8 = new IntegerFormat(8, Scheme.AFFINE, true, CHANNEL);
        QuantizedTensor expected = int8.quantize(values, RAW);
        assertEquals(expected, int8.quantize(values.dup('f'), RAW));
        assertEquals(expected, int8.quantize(values.castTo(DataType.DOUBLE), RAW));
        INDArray wide = random(5, 14, 8);
        INDArray strided = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 14));
        assertEquals(int8.quantize(strided.dup(), RAW), int8.quantize(strided, RAW));
    }

    private static void checkAgainstRules(INDArray values, Scheme scheme, boolean signed) {
        checkAgainstRules(values, scheme, signed, 8);
    }

    /** Per tensor, against the scalar rules. */
    private static void checkAgainstRules(INDArray values, Scheme scheme, boolean signed, int bits) {
        IntegerFormat format = new IntegerFormat(bits, scheme, signed, TENSOR);
        QuantizedTensor quantized = format.quantize(values, RAW);
        float[] x = values.dup('c').reshape(values.length()).toFloatVector();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        boolean symmetric = scheme == Scheme.SYMMETRIC;
        float scale = TorchRules.scale(min, max, format.qmin(), format.qmax(), symmetric);
        int zeroPoint = TorchRules.zeroPoint(min, scale, format.qmin(), format.qmax(), symmetric, signed);
        assertEquals(QParams.perTensor(scale, zeroPoint), quantized.qparams().orElseThrow(), scheme + " " + bits);
        int[] codes = quantized.codes().unpack(signed);
        float[] dequantized = quantized.dequantize().reshape(values.length()).toFloatVector();
        for (int i = 0; i < x.length; i++) {
            int code = TorchRules.quantize(x[i], scale, zeroPoint, format.qmin(), format.qmax());
            assertEquals(code, codes[i], "code of " + x[i]);
            assertEquals(Float.floatToIntBits(TorchRules.dequantize(code, scale, zeroPoint)), Float.floatToIntBits(dequantized[i]));
        }
    }

    private static float[] rowScales(INDArray matrix) {
        float[] scales = new float[(int) matrix.size(0)];
        for (int row = 0; row < scales.length; row++) {
            scales[row] = Math.max(matrix.getRow(row).amaxNumber().floatValue() / 127.5f, TorchRules.EPS);
        }
        return scales;
    }

    static INDArray random(int rows, int columns, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, columns}, 'c');
    }
}
