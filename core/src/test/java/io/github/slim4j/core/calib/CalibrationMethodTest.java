package io.github.slim4j.core.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.Scheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CalibrationMethodTest {
    private static final IntegerFormat INT8 = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerTensor());
    private static final IntegerFormat UINT8_AFFINE = new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor());

    @Test
    void everyMethodReadsBackFromItsText() {
        for (CalibrationMethod method : CalibrationMethod.all()) {
            assertEquals(method, CalibrationMethod.parse(method.text()));
        }
        assertEquals(new MovingAverage(0.2), CalibrationMethod.parse(" EMA:0.2 "));
        assertEquals(new Percentile(100), CalibrationMethod.parse("percentile:100"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "percentile:0|percentile must be in (0, 100], got 0.0",
        "percentile:100.5|percentile must be in (0, 100], got 100.5",
        "percentile:-3|percentile must be in (0, 100], got -3.0",
        "percentile:NaN|percentile must be in (0, 100], got NaN",
        "percentile|calibration method 'percentile' needs its percentile, as in percentile:99.99",
        "percentile:x|calibration method 'percentile:x' needs a number after ':', got 'x'",
        "ema:0|averaging constant must be in (0, 1], got 0.0",
        "ema:1.5|averaging constant must be in (0, 1], got 1.5",
        "mse:3|calibration method 'mse:3' is not one of minmax, ema, ema:C, percentile:P, mse, entropy, histogram",
        "kl|calibration method 'kl' is not one of minmax, ema, ema:C, percentile:P, mse, entropy, histogram",
    })
    void badTextGetsOneLine(String text, String message) {
        assertEquals(message, assertThrows(Slim4jException.class, () -> CalibrationMethod.parse(text)).getMessage());
    }

    @Test
    void theHundredthPercentileKeepsTheWholeRange() {
        Observation observation = observed(laplace(new SplittableRandom(1), 50_000, 1.0, 0));
        for (IntegerFormat format : List.of(INT8, UINT8_AFFINE)) {
            ActivationRange range = new Percentile(100).choose(observation, format);
            assertEquals(observation.min(), range.min());
            assertEquals(observation.max(), range.max());
        }
    }

    @Test
    void percentilesOfUniformValuesSitWhereTheyShould() {
        float[] values = new float[100_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = -1f + 2f * i / (values.length - 1);
        }
        Observation observation = observed(values);
        ActivationRange symmetric = new Percentile(50).choose(observation, INT8);
        assertEquals(-0.5, symmetric.min(), 1e-3);
        assertEquals(0.5, symmetric.max(), 1e-3);
        ActivationRange affine = new Percentile(90).choose(observation, UINT8_AFFINE);
        assertEquals(-0.8, affine.min(), 1e-3);
        assertEquals(0.8, affine.max(), 1e-3);
    }

    /** Heavy tails with a few large outliers: both searches clip well inside max|x|. */
    @Test
    void mseAndEntropyClipHeavyTails() {
        Observation observation = observed(laplace(new SplittableRandom(7), 1_000_000, 1.0, 2));
        double amax = Math.max(-observation.min(), observation.max());
        for (CalibrationMethod method : List.of(new Mse(), new Entropy())) {
            ActivationRange range = method.choose(observation, INT8);
            double threshold = Math.max(-range.min(), range.max());
            assertTrue(threshold < 0.5 * amax, method.text() + " kept " + threshold + " of " + amax);
            assertTrue(threshold > 3, method.text() + " clipped the body too: " + threshold);
        }
    }

    @Test
    void mseAndEntropyKeepNearlyTheWholeRangeOfUniformValues() {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        Observation observation = observed(values);
        for (CalibrationMethod method : List.of(new Mse(), new Entropy())) {
            ActivationRange range = method.choose(observation, INT8);
            assertTrue(Math.max(-range.min(), range.max()) > 0.95, method.text() + " chose " + range);
        }
        ActivationRange affine = new Mse().choose(observation, UINT8_AFFINE);
        assertTrue(affine.min() < -0.95 && affine.max() > 0.95, "mse affine chose " + affine);
    }

    /** On non-negative activations an affine grid spends all its levels on [0, t]. */
    @Test
    void entropyOnNonNegativeActivationsKeepsZeroAsItsMin() {
        float[] values = laplace(new SplittableRandom(5), 100_000, 1.0, 4);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.abs(values[i]);
        }
        Observation observation = observed(values);
        ActivationRange range = new Entropy().choose(observation, UINT8_AFFINE);
        assertEquals(observation.min(), range.min());
        assertTrue(range.max() < observation.max());
    }

    /**
     * After a ReLU most values may be exactly zero. Entropy counts the zero bin as its neighbour
     * (NVIDIA pytorch-quantization's bins[0] = bins[1]), so adding zeros changes nothing: the same
     * positive values with one zero (for the same histogram range) or with as many zeros as values
     * get the very same threshold.
     */
    @Test
    void entropyIgnoresTheSpikeOfZerosAfterAReLU() {
        float[] positives = laplace(new SplittableRandom(11), 100_000, 1.0, 0);
        for (int i = 0; i < positives.length; i++) {
            positives[i] = Math.abs(positives[i]);
        }
        positives[0] = 0;
        float[] spiked = Arrays.copyOf(positives, 2 * positives.length);
        ActivationRange without = new Entropy().choose(observed(positives), UINT8_AFFINE);
        ActivationRange with = new Entropy().choose(observed(spiked), UINT8_AFFINE);
        assertEquals(without, with);
        // Laplace(1) magnitudes: 99.9 % lie below ln(1000) ≈ 6.9; the threshold keeps most of them.
        assertTrue(with.max() > 5, "entropy clipped the body: " + with);
    }

    @Test
    void aMovingAverageWithConstantOneKeepsTheLastBatchsRange() {
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.createFromArray(-5f, 5f));
        statistics.record(Nd4j.createFromArray(-1f, 2f));
        assertEquals(new ActivationRange(-1f, 2f), new MovingAverage(1).choose(statistics.snapshot(), INT8));
        assertEquals(new ActivationRange(-5f, 5f), new MinMax().choose(statistics.snapshot(), INT8));
    }

    @Test
    void aConstantPointKeepsItsValueUnderEveryMethod() {
        Observation observation = observed(new float[] {3f, 3f, 3f});
        for (CalibrationMethod method : CalibrationMethod.all()) {
            assertEquals(new ActivationRange(3f, 3f), method.choose(observation, INT8), method.text());
        }
    }

    /** The cache is the data: re-choosing after other methods and grids equals choosing after a fresh pass. */
    @Property(tries = 15)
    void reChoosingFromTheCacheEqualsAFreshPass(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int batches,
            @ForAll @IntRange(min = 2, max = 8) int bits) {
        SplittableRandom random = new SplittableRandom(seed);
        List<INDArray> data = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            data.add(Nd4j.createFromArray(laplace(random, 1 + random.nextInt(4000), 1 + b, random.nextInt(3))));
        }
        PointStatistics cached = new PointStatistics();
        data.forEach(cached::record);
        Observation cache = cached.snapshot();
        IntegerFormat format = new IntegerFormat(bits, random.nextBoolean() ? Scheme.SYMMETRIC : Scheme.AFFINE, random.nextBoolean(),
                new Granularity.PerTensor());
        for (CalibrationMethod other : CalibrationMethod.all()) {
            other.choose(cache, INT8);
        }
        for (CalibrationMethod method : CalibrationMethod.all()) {
            PointStatistics fresh = new PointStatistics();
            data.forEach(fresh::record);
            assertEquals(method.choose(fresh.snapshot(), format), method.choose(cache, format), method.text());
        }
        assertEquals(cache, cached.snapshot());
    }

    static Observation observed(float[] values) {
        PointStatistics statistics = new PointStatistics();
        statistics.record(Nd4j.createFromArray(values));
        return statistics.snapshot();
    }

    /** Laplace samples of the given scale, the first {@code outliers} of them replaced by ±50 scales. */
    static float[] laplace(SplittableRandom random, int n, double scale, int outliers) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble() - 0.5;
            values[i] = (float) (-scale * Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
        }
        for (int i = 0; i < Math.min(outliers, n); i++) {
            values[i] = (float) ((i % 2 == 0 ? 50 : -45) * scale);
        }
        return values;
    }
}
