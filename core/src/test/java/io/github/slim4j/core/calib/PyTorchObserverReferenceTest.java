package io.github.slim4j.core.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.RefData;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.Scheme;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The observer cases of refdata, produced by PyTorch 1.13, bit for bit through the calibration
 * path: recorded statistics, the chosen range, its parameters, codes and dequantized values.
 */
class PyTorchObserverReferenceTest {
    private static final IntegerFormat QUINT8 = new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor());
    private static final IntegerFormat QINT8_SYMMETRIC = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerTensor());

    @Test
    void minMaxAffineUnsigned() {
        minMax("obs_minmax_quint8_affine", QUINT8);
    }

    @Test
    void minMaxSymmetricSigned() {
        minMax("obs_minmax_qint8_symmetric", QINT8_SYMMETRIC);
    }

    @Test
    void movingAverageOverFiveBatches() {
        JsonNode golden = RefData.testCase("obs_moving_average_minmax_quint8_5batches");
        INDArray batches = RefData.array(golden.at("/inputs/x_batches"));
        MovingAverage method = new MovingAverage(golden.at("/params/averaging_constant").asDouble());
        PointStatistics statistics = new PointStatistics();
        JsonNode running = golden.at("/expected/running_min_max_after_each_batch");
        INDArray last = null;
        for (int b = 0; b < batches.size(0); b++) {
            last = batches.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.all()).dup();
            statistics.record(last);
            ActivationRange range = method.choose(statistics.snapshot(), QUINT8);
            assertSameBits(running.get(b).get("min_val"), range.min(), "running min after batch " + (b + 1));
            assertSameBits(running.get(b).get("max_val"), range.max(), "running max after batch " + (b + 1));
        }
        ActivationRange range = method.choose(statistics.snapshot(), QUINT8);
        assertSameBits(golden.at("/expected/min_val"), range.min(), "min");
        assertSameBits(golden.at("/expected/max_val"), range.max(), "max");
        assertQuantizedAsPyTorch(golden, last, range, QUINT8);
    }

    @Test
    void histogramCountsAreTorchHistcOverTheFloatRange() {
        JsonNode golden = RefData.testCase("obs_histogram_quint8_outliers_float_range");
        Observation observation = recorded(golden);
        float[] expected = RefData.array(golden.at("/expected/histogram")).toFloatVector();
        double[] counts = observation.histogram().counts();
        assertEquals(expected.length, counts.length);
        for (int i = 0; i < counts.length; i++) {
            assertEquals(expected[i], counts[i], "bin " + i);
        }
        assertEquals(golden.at("/expected/histogram_sum").asDouble(), observation.histogram().total());
        assertEquals(golden.at("/expected/numel_total").asLong(), observation.count());
        assertSameBits(golden.at("/expected/min_val"), observation.histogram().lo(), "histogram min");
        assertSameBits(golden.at("/expected/max_val"), observation.histogram().hi(), "histogram max");
    }

    /**
     * torch.histc counts each value on its own, so the golden input repeated k times has k times
     * its counts: a batch long enough to be counted in parts on several threads.
     */
    @Test
    void aLongBatchCountsAsTorchHistcTimesItsRepeats() {
        JsonNode golden = RefData.testCase("obs_histogram_quint8_outliers_float_range");
        INDArray x = RefData.array(golden.at("/inputs/x")).reshape(-1);
        int repeats = (int) (600_000 / x.length()) + 1;
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.tile(x, repeats));
        double[] counts = statistics.snapshot().histogram().counts();
        float[] expected = RefData.array(golden.at("/expected/histogram")).toFloatVector();
        for (int i = 0; i < counts.length; i++) {
            assertEquals((double) expected[i] * repeats, counts[i], "bin " + i);
        }
        assertSameBits(golden.at("/expected/min_val"), statistics.snapshot().histogram().lo(), "histogram min");
        assertSameBits(golden.at("/expected/max_val"), statistics.snapshot().histogram().hi(), "histogram max");
    }

    @Test
    void histogramSearchFindsPyTorchsRange() {
        JsonNode golden = RefData.testCase("obs_histogram_quint8_outliers_float_range");
        ActivationRange range = new HistogramSearch().choose(recorded(golden), QUINT8);
        assertSameBits(golden.at("/expected/search_new_min"), range.min(), "search_new_min");
        assertSameBits(golden.at("/expected/search_new_max"), range.max(), "search_new_max");
        assertQuantizedAsPyTorch(golden, RefData.array(golden.at("/inputs/x")), range, QUINT8);
    }

    private static void minMax(String id, IntegerFormat format) {
        JsonNode golden = RefData.testCase(id);
        INDArray x = RefData.array(golden.at("/inputs/x"));
        PointStatistics statistics = new PointStatistics();
        statistics.record(x);
        ActivationRange range = new MinMax().choose(statistics.snapshot(), format);
        assertSameBits(golden.at("/expected/min_val"), range.min(), "min");
        assertSameBits(golden.at("/expected/max_val"), range.max(), "max");
        assertQuantizedAsPyTorch(golden, x, range, format);
    }

    private static Observation recorded(JsonNode golden) {
        PointStatistics statistics = new PointStatistics();
        statistics.record(RefData.array(golden.at("/inputs/x")));
        return statistics.snapshot();
    }

    private static void assertQuantizedAsPyTorch(JsonNode golden, INDArray x, ActivationRange range, IntegerFormat format) {
        QParams qparams = range.qparams(format);
        assertEquals(Integer.parseUnsignedInt(golden.at("/expected/scale_hex").asText().substring(2), 16),
                Float.floatToIntBits(qparams.scales()[0]), "scale");
        assertEquals(golden.at("/expected/zero_point").asInt(), qparams.zeroPoints()[0], "zero point");
        QuantizedTensor quantized = format.quantize(x, qparams);
        INDArray codes = RefData.array(golden.at("/expected/int_repr"));
        assertArrayEquals(Arrays.stream(codes.castTo(DataType.LONG).reshape(codes.length()).toLongVector()).mapToInt(Math::toIntExact).toArray(),
                quantized.codes().unpack(format.signed()), "int_repr");
        float[] expected = RefData.array(golden.at("/expected/dequant")).reshape(-1).toFloatVector();
        float[] actual = quantized.dequantize().reshape(-1).toFloatVector();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), "dequant at " + i);
        }
    }

    private static void assertSameBits(JsonNode expected, float actual, String what) {
        float value = (float) expected.asDouble();
        assertEquals(Float.floatToIntBits(value), Float.floatToIntBits(actual), what + ": " + value + " vs " + actual);
    }
}
