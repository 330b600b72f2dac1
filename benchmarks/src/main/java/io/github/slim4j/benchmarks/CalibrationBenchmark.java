package io.github.slim4j.benchmarks;

import io.github.slim4j.core.calib.ActivationRange;
import io.github.slim4j.core.calib.CalibrationMethod;
import io.github.slim4j.core.calib.Observation;
import io.github.slim4j.core.calib.PointStatistics;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.Scheme;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calibration's one pass and its re-choosing, against a baseline that copies 1M floats between heap
 * arrays in the same run: {@code PointStatistics.record} of one batch of 1M activations, and of the
 * same 1M in 10 batches whose range grows each time (so every batch after the first combines
 * histograms); then choosing a range from the recorded statistics with each method, for int8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CalibrationBenchmark {
    private static final int SIZE = 1 << 20;
    private static final int BATCHES = 10;
    private static final IntegerFormat INT8 = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerTensor());

    private float[] heap;
    private float[] heapCopy;
    private INDArray batch;
    private List<INDArray> growingBatches;
    private Observation observation;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        batch = Nd4j.randn(DataType.FLOAT, SIZE);
        batch.putScalar(0, 40f);
        heap = batch.toFloatVector();
        heapCopy = new float[SIZE];
        growingBatches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            growingBatches.add(Nd4j.randn(DataType.FLOAT, SIZE / BATCHES).muli(1 + 0.3 * b));
        }
        PointStatistics statistics = new PointStatistics();
        statistics.record(batch);
        observation = statistics.snapshot();
    }

    /** The method to choose with. */
    @State(Scope.Benchmark)
    public static class Method {
        @Param({"minmax", "ema", "percentile:99.99", "mse", "entropy", "histogram"})
        public String text;
        CalibrationMethod method;

        @Setup
        public void setUp() {
            method = CalibrationMethod.parse(text);
        }
    }

    /** Memory bandwidth: copying 1M floats between two heap arrays. */
    @Benchmark
    public float[] baselineArraycopy() {
        System.arraycopy(heap, 0, heapCopy, 0, SIZE);
        return heapCopy;
    }

    /** Extremes, then torch.histc binning, of one batch of 1M. */
    @Benchmark
    public PointStatistics recordOneBatch() {
        PointStatistics statistics = new PointStatistics();
        statistics.record(batch);
        return statistics;
    }

    /** 1M values in 10 batches, each widening the range: nine histogram combinations. */
    @Benchmark
    public PointStatistics recordTenGrowingBatches() {
        PointStatistics statistics = new PointStatistics();
        for (INDArray part : growingBatches) {
            statistics.record(part);
        }
        return statistics;
    }

    /** Choosing a range from the cache, no data touched. */
    @Benchmark
    public ActivationRange choose(Method method) {
        return method.method.choose(observation, INT8);
    }
}
