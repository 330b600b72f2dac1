package io.github.slim4j.core.quant.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

class ErrorSumsPropertyTest {

    @Property(tries = 100)
    void sqnrFallsAsUniformNoiseGrows(@ForAll("values") float[] reference, @ForAll @LongRange(min = 0, max = 1000) long seed,
                                      @ForAll @IntRange(min = 1, max = 1000) int thousandths) {
        double scale = thousandths / 1000.0;
        float[] noise = uniform(reference.length, seed);
        double smaller = sums(plus(reference, noise, scale), reference).sqnrDb();
        double larger = sums(plus(reference, noise, 2 * scale), reference).sqnrDb();
        assertTrue(larger <= smaller, () -> "noise ×" + scale + ": " + smaller + " dB, ×" + 2 * scale + ": " + larger + " dB");
    }

    @Property(tries = 200)
    void cosineIsWithinMinusOneAndOne(@ForAll("values") float[] reference, @ForAll @LongRange(min = 0, max = 1000) long seed,
                                      @ForAll @DoubleRange(min = 0, max = 100) double scale) {
        double cosine = sums(plus(reference, uniform(reference.length, seed), scale), reference).cosine();
        assertTrue(cosine >= -1 && cosine <= 1, () -> "cosine " + cosine);
    }

    @Property(tries = 200)
    void mseIsTheMeanOfTheSquaredDifferences(@ForAll("values") float[] reference, @ForAll("values") float[] other) {
        int n = Math.min(reference.length, other.length);
        float[] a = Arrays.copyOf(reference, n);
        float[] b = Arrays.copyOf(other, n);
        double squares = 0;
        double largest = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) a[i] - b[i];
            squares += d * d;
            largest = Math.max(largest, Math.abs(d));
        }
        ErrorSums sums = sums(b, a);
        assertTrue(sums.mse() >= 0);
        assertEquals(squares / n, sums.mse(), 1e-12 * Math.max(1, squares / n));
        assertEquals(largest, sums.maxAbsError(), 0);
    }

    @Property(tries = 100)
    void sumsOfPartsAddUpToTheSumsOfTheWhole(@ForAll("values") float[] reference, @ForAll("values") float[] other) {
        int n = Math.min(reference.length, other.length);
        int half = n / 2;
        ErrorSums whole = sums(Arrays.copyOf(other, n), Arrays.copyOf(reference, n));
        ErrorSums parts = sums(Arrays.copyOfRange(other, 0, half), Arrays.copyOfRange(reference, 0, half))
                .plus(sums(Arrays.copyOfRange(other, half, n), Arrays.copyOfRange(reference, half, n)));
        assertEquals(whole.count(), parts.count());
        assertEquals(whole.mse(), parts.mse(), 1e-12 * Math.max(1, whole.mse()));
        assertEquals(whole.maxAbsError(), parts.maxAbsError(), 0);
    }

    @Provide
    Arbitrary<float[]> values() {
        return Arbitraries.floats().between(-10, 10).array(float[].class).ofMinSize(1).ofMaxSize(5000);
    }

    private static ErrorSums sums(float[] approximation, float[] reference) {
        return ErrorSums.of(Nd4j.createFromArray(approximation), Nd4j.createFromArray(reference));
    }

    private static float[] uniform(int n, long seed) {
        Random random = new Random(seed);
        float[] noise = new float[n];
        for (int i = 0; i < n; i++) {
            noise[i] = 2 * random.nextFloat() - 1;
        }
        return noise;
    }

    private static float[] plus(float[] values, float[] noise, double scale) {
        float[] sum = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            sum[i] = (float) (values[i] + scale * noise[i]);
        }
        return sum;
    }
}
