package io.github.slim4j.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.TestNetworks;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TensorStatsTest {

    static Stream<Arguments> tensors() {
        Nd4j.getRandom().setSeed(3);
        INDArray wide = Nd4j.randn(DataType.FLOAT, 50, 700).muli(0.05).addi(0.01);
        INDArray withNonFinite = Nd4j.randn(DataType.FLOAT, 20_000);
        withNonFinite.putScalar(5, Float.NaN);
        withNonFinite.putScalar(9000, Float.POSITIVE_INFINITY);
        withNonFinite.putScalar(19_999, Float.NEGATIVE_INFINITY);
        INDArray sparse = Nd4j.rand(DataType.FLOAT, 10_000).subi(0.5);
        sparse.get(NDArrayIndex.interval(0, 6000)).assign(0);
        return Stream.of(
                named("gaussian weights", wide),
                named("row slice view", wide.get(NDArrayIndex.interval(10, 30), NDArrayIndex.all())),
                named("strided column view", wide.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 9))),
                named("transpose", wide.transpose()),
                named("DL4J parameter view", TestNetworks.mlp().getParam("0_W")),
                named("NaN and infinities present", withNonFinite),
                named("mostly zero", sparse),
                named("large offset from zero", Nd4j.rand(DataType.FLOAT, 9000).addi(1000)),
                named("double", Nd4j.randn(DataType.DOUBLE, 3000)),
                named("half", Nd4j.randn(DataType.FLOAT, 300).castTo(DataType.FLOAT16)));
    }

    private static Arguments named(String name, INDArray tensor) {
        return Arguments.of(Named.of(name, tensor));
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("tensors")
    void matchesTheTextbookReference(INDArray tensor) {
        assertMatches(Reference.of(tensor), TensorStats.of(tensor));
    }

    @Test
    void allZero() {
        TensorStats stats = TensorStats.of(Nd4j.zeros(DataType.FLOAT, 100, 10));
        assertEquals(new TensorStats(1000, 0, 0, 0, 0, 0, 0), stats);
        assertEquals(1.0, stats.sparsity());
        assertEquals(1000, stats.zeros());
    }

    @Test
    void constantHasExactMeanAndZeroStd() {
        TensorStats stats = TensorStats.of(Nd4j.valueArrayOf(new long[] {10_001}, 0.1f));
        assertEquals(new TensorStats(10_001, 10_001, 0, 0.1f, 0.1f, 0.1f, 0), stats);
        assertEquals(0.0, stats.sparsity());
    }

    @Test
    void negativeZeroIsZero() {
        assertEquals(0, TensorStats.of(Nd4j.createFromArray(-0.0f, 0.0f)).nonZeros());
    }

    @Test
    void emptyTensorCountsNothingAndDescribesNothing() {
        TensorStats stats = TensorStats.of(Nd4j.create(DataType.FLOAT, 0));
        assertEquals(new TensorStats(0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN), stats);
        assertEquals(0.0, stats.sparsity());
    }

    @Test
    void onlyNonFiniteValuesCountButDescribeNothing() {
        TensorStats stats = TensorStats.of(Nd4j.createFromArray(Float.NaN, Float.POSITIVE_INFINITY, Float.NaN));
        assertEquals(new TensorStats(3, 3, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN), stats);
        assertEquals(0, stats.finiteCount());
    }

    @Test
    void combineOfNothingIsEmpty() {
        assertEquals(TensorStats.of(Nd4j.create(DataType.FLOAT, 0)), TensorStats.combine(List.of()));
    }

    @Test
    void combineSkipsPartsWithoutFiniteValues() {
        INDArray a = Nd4j.createFromArray(1f, 2f, 3f);
        INDArray nan = Nd4j.createFromArray(Float.NaN);
        TensorStats combined = TensorStats.combine(List.of(TensorStats.of(nan), TensorStats.of(a)));
        assertEquals(new TensorStats(4, 4, 1, 1, 3, 2, Math.sqrt(2.0 / 3)), combined);
    }

    static void assertMatches(Reference expected, TensorStats actual) {
        assertEquals(expected.count(), actual.count(), "count");
        assertEquals(expected.nonZeros(), actual.nonZeros(), "nonZeros");
        assertEquals(expected.nonFinite(), actual.nonFinite(), "nonFinite");
        assertEquals(expected.min(), actual.min(), "min");
        assertEquals(expected.max(), actual.max(), "max");
        if (expected.count() == expected.nonFinite()) {
            assertEquals(Double.NaN, actual.mean(), "mean");
            assertEquals(Double.NaN, actual.std(), "std");
            return;
        }
        double scale = Math.max(Math.abs(expected.min()), Math.abs(expected.max()));
        assertEquals(expected.mean(), actual.mean(), 1e-12 * scale, "mean");
        assertEquals(expected.std(), actual.std(), 1e-9 * expected.std() + 1e-12 * scale, "std");
    }
}
