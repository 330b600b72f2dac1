package io.github.slim4j.benchmarks;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.NetworkListeners;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Selection;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
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

/**
 * What keeping a network's masks costs in training: one {@code net.fit(batch)} of the quickstart
 * MLP (784 → 128 → 10, Adam, batch 64) unpruned and pruned to 90% (whose listener zeroes the pruned
 * entries after the update), and the listener's work alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MaskEnforcerBenchmark {
    private MultiLayerNetwork dense;
    private MultiLayerNetwork pruned;
    private TrainingListener enforcer;
    private DataSet batch;

    @Setup
    public void setUp() {
        dense = quickstartMlp();
        pruned = quickstartMlp();
        Pruner.prune(ModelHandle.of(pruned), new PruneSpec(new Criterion.Magnitude(), new Amount.Fraction(0.9),
                io.github.slim4j.core.prune.Scope.LAYER, Selection.weights()));
        enforcer = NetworkListeners.of(pruned).iterator().next();
        Nd4j.getRandom().setSeed(2);
        float[] labels = new float[64 * 10];
        for (int i = 0; i < 64; i++) {
            labels[i * 10 + i % 10] = 1;
        }
        batch = new DataSet(Nd4j.rand(DataType.FLOAT, 64, 784), Nd4j.create(labels, new long[] {64, 10}, 'c'));
    }

    @Benchmark
    public MultiLayerNetwork fitStepDense() {
        dense.fit(batch);
        return dense;
    }

    @Benchmark
    public MultiLayerNetwork fitStepPruned() {
        pruned.fit(batch);
        return pruned;
    }

    /** The listener's own work in each of those steps: zeroing the pruned entries of both weight tensors. */
    @Benchmark
    public MultiLayerNetwork enforceMasks() {
        enforcer.iterationDone(pruned, 0, 0);
        return pruned;
    }

    private static MultiLayerNetwork quickstartMlp() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(784).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).name("output").nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }
}
