package io.github.slim4j.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorStatsPropertyTest {

    @Property(tries = 300)
    void combiningPartsEqualsStatsOfTheConcatenation(@ForAll("values") float[] a, @ForAll("values") float[] b) {
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);

        TensorStats combined = TensorStats.combine(List.of(TensorStats.of(tensor(a)), TensorStats.of(tensor(b))));

        TensorStatsTest.assertMatches(Reference.of(both), combined);
    }

    @Property(tries = 300)
    void zerosAndNonZerosAddUpToCount(@ForAll("values") float[] values) {
        TensorStats stats = TensorStats.of(tensor(values));
        assertEquals(values.length, stats.count());
        assertEquals(stats.count(), stats.nonZeros() + stats.zeros());
        assertTrue(stats.sparsity() >= 0 && stats.sparsity() <= 1);
    }

    @Property(tries = 300)
    void meanLiesBetweenMinAndMax(@ForAll("values") float[] values) {
        TensorStats stats = TensorStats.of(tensor(values));
        if (stats.finiteCount() > 0) {
            assertTrue(stats.min() <= stats.mean() && stats.mean() <= stats.max(), stats::toString);
            assertTrue(stats.std() >= 0 && stats.std() <= stats.max() - stats.min(), stats::toString);
        }
    }

    @Property(tries = 300)
    void matchesTheReference(@ForAll("values") float[] values) {
        TensorStatsTest.assertMatches(Reference.of(values), TensorStats.of(tensor(values)));
    }

    /** Lengths across the chunk size, zeros and the special values mixed in. */
    @Provide
    Arbitrary<float[]> values() {
        Arbitrary<Float> value = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.floats().between(-1e3f, 1e3f)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)));
        return Arbitraries.oneOf(
                value.array(float[].class).ofMaxSize(40),
                value.array(float[].class).ofMinSize(4000).ofMaxSize(9000));
    }

    private static INDArray tensor(float[] values) {
        return values.length == 0 ? Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0) : Nd4j.createFromArray(values);
    }
}
