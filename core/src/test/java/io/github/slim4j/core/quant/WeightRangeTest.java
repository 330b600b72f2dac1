package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightRangeTest {
    private static final WeightAxes RAW = new WeightAxes(1, 0);
    private static final Granularity CHANNEL = new Granularity.PerChannel(OptionalInt.empty());
    private static final int CHANNELS = 8;
    private static final int INPUTS = 512;

    @Test
    void theDefaultIsMinMaxAndKeepsTheName() {
        IntegerFormat format = new IntegerFormat(4, Scheme.SYMMETRIC, true, CHANNEL);
        assertEquals(new WeightRange.MinMax(), format.range());
        assertEquals("int4", format.name());
        assertEquals(format, WeightFormat.parse("int4"));
        assertNotEquals(format, WeightFormat.parse("int4:mse"));
    }

    /** Laplace weights with a few large outliers per channel: min-max spends the grid on the outliers. */
    @Test
    void mseClipsHeavyTailsAndErrsStrictlyLessPerChannel() {
        INDArray weights = heavyTailed(new Random(7));
        for (Scheme scheme : Scheme.values()) {
            IntegerFormat minMax = new IntegerFormat(4, scheme, true, CHANNEL);
            IntegerFormat mse = new IntegerFormat(4, scheme, true, CHANNEL, new WeightRange.Mse());
            QuantizedTensor full = minMax.quantize(weights, RAW);
            QuantizedTensor clipped = mse.quantize(weights, RAW);
            double[] fullError = channelErrors(weights, full.dequantize());
            double[] clippedError = channelErrors(weights, clipped.dequantize());
            float[] fullScales = full.qparams().orElseThrow().scales();
            float[] clippedScales = clipped.qparams().orElseThrow().scales();
            for (int c = 0; c < CHANNELS; c++) {
                assertTrue(clippedError[c] < fullError[c], scheme + " channel " + c + ": " + clippedError[c] + " vs " + fullError[c]);
                assertTrue(clippedScales[c] < fullScales[c], scheme + " channel " + c + " keeps its full range");
            }
        }
    }

    @Test
    void mseKeepsNearlyTheFullRangeOfUniformWeights() {
        Random random = new Random(11);
        float[] values = new float[CHANNELS * INPUTS];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        INDArray weights = Nd4j.createFromArray(values).reshape(CHANNELS, INPUTS);
        float[] full = new IntegerFormat(4, Scheme.SYMMETRIC, true, CHANNEL).qparams(weights, RAW).scales();
        float[] clipped = new IntegerFormat(4, Scheme.SYMMETRIC, true, CHANNEL, new WeightRange.Mse()).qparams(weights, RAW).scales();
        for (int c = 0; c < CHANNELS; c++) {
            assertTrue(clipped[c] >= 0.9f * full[c] && clipped[c] <= full[c], "channel " + c + ": " + clipped[c] + " of " + full[c]);
        }
    }

    /** Ratio 1 is always a candidate and only a strictly lower error replaces it. */
    @Test
    void mseNeverErrsMoreThanMinMax() {
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            INDArray weights = seed % 2 == 0 ? heavyTailed(random) : Nd4j.rand(DataType.FLOAT, CHANNELS, 16).subi(0.3);
            for (int bits : new int[] {2, 3, 8}) {
                for (Scheme scheme : Scheme.values()) {
                    double full = Arrays.stream(channelErrors(weights,
                            new IntegerFormat(bits, scheme, false, CHANNEL).quantize(weights, RAW).dequantize())).sum();
                    double clipped = Arrays.stream(channelErrors(weights,
                            new IntegerFormat(bits, scheme, false, CHANNEL, new WeightRange.Mse()).quantize(weights, RAW).dequantize())).sum();
                    assertTrue(clipped <= full, "seed " + seed + ", " + bits + " bits " + scheme);
                }
            }
        }
    }

    @Test
    void percentile100IsMinMax() {
        INDArray weights = heavyTailed(new Random(3));
        weights.getRow(2).assign(0);
        for (Granularity granularity : List.of(new Granularity.PerTensor(), CHANNEL, new Granularity.PerGroup(32))) {
            for (Scheme scheme : Scheme.values()) {
                for (boolean signed : new boolean[] {true, false}) {
                    assertEquals(new IntegerFormat(4, scheme, signed, granularity).qparams(weights, RAW),
                            new IntegerFormat(4, scheme, signed, granularity, new WeightRange.Percentile(100)).qparams(weights, RAW));
                }
            }
        }
    }

    /** Symmetric: the P-th percentile of |w|; affine: the (100 − P)-th and P-th of w, linear between order statistics. */
    @Test
    void percentilesAreTheInterpolatedOrderStatistics() {
        float[] values = new float[101];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i - 30) / 10f;
        }
        INDArray weights = Nd4j.createFromArray(values);
        WeightAxes vector = new WeightAxes(0, 0);
        IntegerFormat symmetric = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerTensor(), new WeightRange.Percentile(95));
        // |w| runs 0, 0.1, 0.1, ..., 3.0, 3.0, 3.1, ..., 7.0; the 95th percentile sits at rank 95 of 0..100: 6.5.
        assertEquals(symmetric.qparams(-6.5f, 6.5f), symmetric.qparams(weights, vector));
        IntegerFormat affine = new IntegerFormat(8, Scheme.AFFINE, true, new Granularity.PerTensor(), new WeightRange.Percentile(97.5));
        // Ranks 2.5 and 97.5 of w: −2.75 and 6.75.
        assertEquals(affine.qparams(-2.75f, 6.75f), affine.qparams(weights, vector));
    }

    @Test
    void orderStatisticsMatchASortedCopy() {
        Random random = new Random(5);
        for (int n : new int[] {1, 2, 7, 100, 1001}) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(4) == 0 ? 0f : (float) random.nextGaussian();
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double q : new double[] {0, 0.01, 0.5, 0.999, 1}) {
                double rank = (n - 1) * q;
                int below = (int) Math.floor(rank);
                double expected = rank == below ? sorted[below] : sorted[below] + (rank - below) * ((double) sorted[below + 1] - sorted[below]);
                assertEquals((float) expected, OrderStatistics.quantile(values.clone(), q), "n " + n + ", q " + q);
            }
        }
    }

    @Test
    void namesReadBackWithTheirRange() {
        for (String text : List.of("int4:mse", "int4:group32:p99.9", "uint8:affine:tensor:p100", "int2:channel1:p0.5")) {
            WeightFormat format = WeightFormat.parse(text);
            assertEquals(text, format.name());
            assertEquals(format, WeightFormat.parse(format.name()));
        }
        assertEquals(new IntegerFormat(4, Scheme.SYMMETRIC, true, new Granularity.PerGroup(32), new WeightRange.Percentile(99.9)),
                WeightFormat.parse("INT4:P99.9:group32"));
        for (String text : List.of("minmax", "mse", "percentile:99.9", "percentile:100")) {
            assertEquals(text, WeightRange.parse(text).text());
        }
    }

    @Test
    void badRangesGetOneLine() {
        assertEquals("a range percentile is more than 0 and at most 100, got 0",
                assertThrows(Slim4jException.class, () -> WeightFormat.parse("int4:p0")).getMessage());
        assertEquals("a range percentile is more than 0 and at most 100, got 100.5",
                assertThrows(Slim4jException.class, () -> WeightRange.parse("percentile:100.5")).getMessage());
        assertEquals("weight range 'int4:p' needs a percentile P with 0 < P ≤ 100, got ''",
                assertThrows(Slim4jException.class, () -> WeightFormat.parse("int4:p")).getMessage());
        assertEquals("weight range 'percentile:-1' needs a percentile P with 0 < P ≤ 100, got '-1'",
                assertThrows(Slim4jException.class, () -> WeightRange.parse("percentile:-1")).getMessage());
        assertEquals("unknown weight range 'l2'; ranges are minmax, mse or percentile:P with 0 < P ≤ 100",
                assertThrows(Slim4jException.class, () -> WeightRange.parse("l2")).getMessage());
        assertEquals("format 'int4:mse:p99' gives the range twice; give one of symmetric, affine, tensor, channel, channel<A>, group<G>, "
                + "mse, p<P>", assertThrows(Slim4jException.class, () -> WeightFormat.parse("int4:mse:p99")).getMessage());
    }

    /** Laplace(0, 0.05) rows with three outliers of magnitude 0.8 to 1.2 each. */
    static INDArray heavyTailed(Random random) {
        float[] values = new float[CHANNELS * INPUTS];
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble() - 0.5;
            values[i] = (float) (-0.05 * Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
        }
        for (int c = 0; c < CHANNELS; c++) {
            for (int k = 0; k < 3; k++) {
                values[c * INPUTS + random.nextInt(INPUTS)] = (float) ((random.nextBoolean() ? 1 : -1) * (0.8 + 0.4 * random.nextDouble()));
            }
        }
        return Nd4j.createFromArray(values).reshape(CHANNELS, INPUTS);
    }

    /** Mean squared error per row. */
    static double[] channelErrors(INDArray reference, INDArray quantized) {
        long rows = reference.size(0);
        double[] errors = new double[(int) rows];
        for (int r = 0; r < rows; r++) {
            float[] x = reference.getRow(r).toFloatVector();
            float[] q = quantized.getRow(r).toFloatVector();
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += ((double) x[i] - q[i]) * ((double) x[i] - q[i]);
            }
            errors[r] = sum / x.length;
        }
        return errors;
    }
}
