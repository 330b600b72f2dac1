package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.RefData;
import io.github.slim4j.core.model.WeightAxes;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The quantization and cast cases of refdata, produced by PyTorch 1.13, bit for bit: parameters,
 * integer codes, dequantized values, and the fp16 and bf16 round trips.
 */
class PyTorchQuantizationReferenceTest {
    /** A raw tensor's axes, as PyTorch lays weights out: outputs on axis 0, inputs last. */
    private static final WeightAxes RAW = new WeightAxes(1, 0);

    @Test
    void minMaxObserverAffineUnsigned() {
        observedPerTensor("obs_minmax_quint8_affine", new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor()));
    }

    @Test
    void minMaxObserverSymmetricSigned() {
        observedPerTensor("obs_minmax_qint8_symmetric", new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerTensor()));
    }

    @Test
    void perChannelObserverSymmetricOnAConvolution() {
        observedPerChannel("obs_perchannel_qint8_symmetric_conv32x16x3x3", Scheme.SYMMETRIC);
    }

    @Test
    void perChannelObserverAffineOnALinearLayer() {
        observedPerChannel("obs_perchannel_qint8_affine_linear128x64", Scheme.AFFINE);
    }

    /** The moving-average observer's final range (its averaging belongs to calibration) gives its parameters and codes. */
    @Test
    void movingAverageObserverRangeGivesItsParametersAndCodes() {
        JsonNode golden = RefData.testCase("obs_moving_average_minmax_quint8_5batches");
        INDArray batches = RefData.array(golden.at("/inputs/x_batches"));
        INDArray last = batches.get(NDArrayIndex.point(batches.size(0) - 1), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        fromObservedRange(golden, last, "/expected/min_val", "/expected/max_val");
    }

    /** Likewise the histogram observer's searched range. */
    @Test
    void histogramObserverRangeGivesItsParametersAndCodes() {
        JsonNode golden = RefData.testCase("obs_histogram_quint8_outliers_float_range");
        fromObservedRange(golden, RefData.array(golden.at("/inputs/x")), "/expected/search_new_min", "/expected/search_new_max");
    }

    @Test
    void fakeQuantizePerTensorInt8Symmetric() {
        fakeQuantizedPerTensor("fq_per_tensor_int8_symmetric");
    }

    @Test
    void fakeQuantizePerTensorUint8Affine() {
        fakeQuantizedPerTensor("fq_per_tensor_uint8_affine");
    }

    @Test
    void fakeQuantizePerTensorInt4Symmetric() {
        fakeQuantizedPerTensor("fq_per_tensor_int4_symmetric");
    }

    @Test
    void fakeQuantizeRoundsTiesHalfToEven() {
        fakeQuantizedPerTensor("fq_ties_half_to_even_int8");
    }

    @Test
    void fakeQuantizePerChannelInt8Symmetric() {
        fakeQuantizedPerChannel("fq_per_channel_int8_symmetric");
    }

    @Test
    void fakeQuantizePerChannelInt4Affine() {
        fakeQuantizedPerChannel("fq_per_channel_int4_affine");
    }

    @Test
    void fp16AndBf16AreTorchsCasts() {
        JsonNode golden = RefData.testCase("cast_fp16_bf16_roundtrip");
        float[] x = RefData.array(golden.at("/inputs/x")).toFloatVector();
        checkCast(new FloatFormat(FloatFormat.Kind.FP16), x, golden.at("/expected/half_bits"), golden.at("/expected/half_roundtrip"));
        checkCast(new FloatFormat(FloatFormat.Kind.BF16), x, golden.at("/expected/bfloat16_bits"),
                golden.at("/expected/bfloat16_roundtrip"));
    }

    /** Through whole tensors too: the finite inputs (quantizing refuses the rest), the overflowing ones included. */
    @Test
    void fp16AndBf16TensorsAreTorchsCasts() {
        JsonNode golden = RefData.testCase("cast_fp16_bf16_roundtrip");
        float[] x = RefData.array(golden.at("/inputs/x")).toFloatVector();
        int[] finite = java.util.stream.IntStream.range(0, x.length).filter(i -> Float.isFinite(x[i])).toArray();
        INDArray values = Nd4j.createFromArray(java.util.Arrays.stream(finite).mapToObj(i -> x[i]).toArray(Float[]::new));
        for (String kind : new String[] {"half", "bfloat16"}) {
            FloatFormat format = new FloatFormat(kind.equals("half") ? FloatFormat.Kind.FP16 : FloatFormat.Kind.BF16);
            int[] bits = ints(RefData.array(golden.at("/expected/" + kind + "_bits")));
            float[] roundTrip = RefData.array(golden.at("/expected/" + kind + "_roundtrip")).toFloatVector();
            QuantizedTensor quantized = format.quantize(values, RAW);
            assertArrayEquals(java.util.Arrays.stream(finite).map(i -> bits[i]).toArray(), quantized.codes().unpack(false), kind);
            assertSameBits(java.util.Arrays.stream(finite).mapToObj(i -> roundTrip[i]).toArray(Float[]::new),
                    quantized.dequantize().toFloatVector(), kind);
        }
    }

    private static void observedPerTensor(String id, IntegerFormat format) {
        JsonNode golden = RefData.testCase(id);
        INDArray x = RefData.array(golden.at("/inputs/x"));
        QuantizedTensor quantized = format.quantize(x, RAW);

        QParams qparams = quantized.qparams().orElseThrow();
        assertEquals(hex(golden.at("/expected/scale_hex")), Float.floatToIntBits(qparams.scales()[0]), "scale");
        assertEquals(golden.at("/expected/zero_point").asInt(), qparams.zeroPoints()[0], "zero point");
        assertCodesAndValues(golden, quantized, format.signed());
    }

    private static void observedPerChannel(String id, Scheme scheme) {
        JsonNode golden = RefData.testCase(id);
        INDArray w = RefData.array(golden.at("/inputs/w"));
        // The default channel axis of a raw tensor is its output axis 0, the observer's ch_axis.
        for (Granularity granularity : new Granularity[] {new Granularity.PerChannel(OptionalInt.empty()),
                new Granularity.PerChannel(OptionalInt.of(0))}) {
            IntegerFormat format = new IntegerFormat(8, scheme, true, granularity);
            QuantizedTensor quantized = format.quantize(w, RAW);

            QParams qparams = quantized.qparams().orElseThrow();
            assertArrayEquals(floats(golden.at("/expected/scales")), qparams.scales(), "scales");
            assertArrayEquals(ints(golden.at("/expected/zero_points")), qparams.zeroPoints(), "zero points");
            assertEquals(0, qparams.axis());
            assertCodesAndValues(golden, quantized, true);
        }
    }

    private static void fromObservedRange(JsonNode golden, INDArray x, String min, String max) {
        IntegerFormat format = new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor());
        QParams qparams = format.qparams((float) golden.at(min).asDouble(), (float) golden.at(max).asDouble());
        assertEquals(hex(golden.at("/expected/scale_hex")), Float.floatToIntBits(qparams.scales()[0]), "scale");
        assertEquals(golden.at("/expected/zero_point").asInt(), qparams.zeroPoints()[0], "zero point");

        assertCodesAndValues(golden, format.quantize(x, qparams), false);
    }

    private static void fakeQuantizedPerTensor(String id) {
        JsonNode golden = RefData.testCase(id);
        JsonNode params = golden.get("params");
        QParams qparams = QParams.perTensor((float) params.get("scale").asDouble(), params.get("zero_point").asInt());
        fakeQuantized(golden, qparams);
    }

    private static void fakeQuantizedPerChannel(String id) {
        JsonNode golden = RefData.testCase(id);
        JsonNode params = golden.get("params");
        fakeQuantized(golden, QParams.perChannel(floats(params.get("scales")), ints(params.get("zero_points")), params.get("axis").asInt()));
    }

    /** torch.fake_quantize_*: given parameters and a code range, the clamped integer and the value it stands for. */
    private static void fakeQuantized(JsonNode golden, QParams qparams) {
        int qmin = golden.at("/params/quant_min").asInt();
        int qmax = golden.at("/params/quant_max").asInt();
        int bits = Integer.SIZE - Integer.numberOfLeadingZeros(qmax - qmin);
        IntegerFormat format = new IntegerFormat(bits, Scheme.AFFINE, qmin < 0, new Granularity.PerTensor());
        assertEquals(qmin, format.qmin());
        assertEquals(qmax, format.qmax());

        QuantizedTensor quantized = format.quantize(RefData.array(golden.at("/inputs/x")), qparams);

        assertArrayEquals(ints(RefData.array(golden.at("/expected/q_int"))), quantized.codes().unpack(qmin < 0), "q_int");
        assertSameBits(flat(RefData.array(golden.at("/expected/y"))), flat(quantized.dequantize()), "y");
    }

    private static void assertCodesAndValues(JsonNode golden, QuantizedTensor quantized, boolean signed) {
        assertArrayEquals(ints(RefData.array(golden.at("/expected/int_repr"))), quantized.codes().unpack(signed), "int_repr");
        assertSameBits(flat(RefData.array(golden.at("/expected/dequant"))), flat(quantized.dequantize()), "dequant");
    }

    private static void checkCast(FloatFormat format, float[] x, JsonNode bitsFile, JsonNode roundTripFile) {
        int[] bits = ints(RefData.array(bitsFile));
        float[] roundTrip = RefData.array(roundTripFile).toFloatVector();
        for (int i = 0; i < x.length; i++) {
            int code = format.encode(x[i]);
            float back = format.decode(code);
            if (Float.isNaN(x[i])) {
                // PyTorch's own NaN patterns differ between its code paths; any NaN is a NaN.
                assertTrue(Float.isNaN(back) && Float.isNaN(format.decode(bits[i])), format.name() + " NaN at " + i);
            } else {
                assertEquals(bits[i], code, format.name() + " bits of " + x[i] + " at " + i);
                assertEquals(Float.floatToIntBits(roundTrip[i]), Float.floatToIntBits(back), format.name() + " value of " + x[i] + " at " + i);
            }
        }
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    private static void assertSameBits(Float[] expected, float[] actual, String what) {
        float[] unboxed = new float[expected.length];
        for (int i = 0; i < expected.length; i++) {
            unboxed[i] = expected[i];
        }
        assertSameBits(unboxed, actual, what);
    }

    private static int hex(JsonNode text) {
        return Integer.parseUnsignedInt(text.asText().substring(2), 16);
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static int[] ints(INDArray array) {
        return java.util.Arrays.stream(array.castTo(DataType.LONG).reshape(array.length()).toLongVector()).mapToInt(Math::toIntExact).toArray();
    }

    /** The values in C order. */
    private static float[] flat(INDArray array) {
        return array.reshape(array.length()).toFloatVector();
    }
}
