package io.github.slim4j.benchmarks;

import io.github.slim4j.core.stats.Histogram;
import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.core.tensor.FloatReader;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link TensorStats#of} and {@link Histogram#of} on a 1M-element float tensor and on a 1M-element
 * DL4J parameter view (a layer's weights inside the network's flat parameter vector), against
 * baselines that only copy the same values into a {@code float[]}: read the results as ratios to
 * the baselines, since absolute times depend on the machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TensorStatsBenchmark {
    private static final int SIZE = 1_000_000;
    private static final int BINS = 256;

    private INDArray dense;
    private INDArray paramView;
    private float[] heap;
    private float[] heapCopy;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        dense = Nd4j.randn(DataType.FLOAT, SIZE);
        heap = dense.toFloatVector();
        heapCopy = new float[SIZE];
        // 1000 -> 1000 -> 1000 -> 10: the second layer's W is 1M floats starting 1,001,000 floats into the flat vector.
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(1000).nOut(1000).build())
                .layer(new DenseLayer.Builder().nIn(1000).nOut(1000).build())
                .layer(new OutputLayer.Builder().nIn(1000).nOut(10).build())
                .build());
        net.init();
        paramView = net.getParam("1_W");
    }

    /** Memory bandwidth: copying 1M floats between two heap arrays. */
    @Benchmark
    public float[] baselineArraycopy() {
        System.arraycopy(heap, 0, heapCopy, 0, SIZE);
        return heapCopy;
    }

    /** The same values copied out of ND4J's off-heap buffer into a new float[]. */
    @Benchmark
    public float[] baselineAsFloat() {
        return dense.data().asFloat();
    }

    @Benchmark
    public float[] baselineAsFloatParamView() {
        return paramView.data().asFloat();
    }

    /** The alternative read strategy for FloatReader: one float[] copy of the whole range. */
    @Benchmark
    public float[] readGetFloatsAt() {
        return paramView.data().getFloatsAt(0, SIZE);
    }

    /** FloatReader's strategy: L1-sized chunks copied from the NIO view of the buffer. */
    @Benchmark
    public void readChunks(Blackhole blackhole) {
        FloatReader.forEachChunk(paramView, (chunk, length) -> blackhole.consume(chunk[length - 1]));
    }

    @Benchmark
    public TensorStats statsDense() {
        return TensorStats.of(dense);
    }

    @Benchmark
    public TensorStats statsParamView() {
        return TensorStats.of(paramView);
    }

    @Benchmark
    public Histogram histogramDense() {
        return Histogram.of(dense, BINS);
    }

    @Benchmark
    public Histogram histogramParamView() {
        return Histogram.of(paramView, BINS);
    }

    /** The same statistics as chains of ND4J ops, for the house rule's comparison. */
    @Benchmark
    public void nd4jOpsStats(Blackhole blackhole) {
        blackhole.consume(dense.minNumber());
        blackhole.consume(dense.maxNumber());
        blackhole.consume(dense.meanNumber());
        blackhole.consume(dense.stdNumber());
        blackhole.consume(dense.neq(0).castTo(DataType.INT).sumNumber());
        blackhole.consume(dense.isNaN().castTo(DataType.INT).sumNumber());
        blackhole.consume(dense.isInfinite().castTo(DataType.INT).sumNumber());
    }
}
