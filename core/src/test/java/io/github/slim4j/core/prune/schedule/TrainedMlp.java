package io.github.slim4j.core.prune.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Mask;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.train.Trainer;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A small MLP, 784 → 64 → 32 → 10 with layers "hidden1", "hidden2" and "out", trained for two
 * epochs on 4,000 Fashion-MNIST examples once per test JVM; tests prune copies of it.
 */
public final class TrainedMlp {
    private static final FashionMnist TRAIN = FashionMnist.train().subset(4000).batchSize(100);
    private static final FashionMnist VALIDATION = FashionMnist.test().subset(500).batchSize(250);
    private static MultiLayerNetwork trained;

    private TrainedMlp() {
    }

    /** A copy of the trained network, with its updater state, and no masks. */
    public static synchronized MultiLayerNetwork copy() {
        if (trained == null) {
            trained = untrained();
            Trainer.fit(ModelHandle.of(trained), train(), 2, ProgressListener.NONE);
        }
        return trained.clone();
    }

    /** The 4,000 training examples in 40 batches. */
    public static DataSetIterator train() {
        return TRAIN.iterator();
    }

    /** 500 test examples in 2 batches. */
    public static DataSetIterator validation() {
        return VALIDATION.iterator();
    }

    private static MultiLayerNetwork untrained() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .updater(new Adam(3e-3))
                .list()
                .layer(new DenseLayer.Builder().name("hidden1").nIn(784).nOut(64).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("hidden2").nIn(64).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out")
                        .nIn(32).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The pruned storage indices of each of the model's masks, by tensor. */
    public static Map<String, BitSet> masks(ModelHandle model) {
        Map<String, BitSet> pruned = new TreeMap<>();
        Masks.of(model).forEach((name, mask) -> pruned.put(name, prunedOf(mask)));
        return pruned;
    }

    private static BitSet prunedOf(Mask mask) {
        BitSet pruned = new BitSet();
        for (int i = 0; i < mask.size(); i++) {
            if (!mask.isKept(i)) {
                pruned.set(i);
            }
        }
        return pruned;
    }

    /** The element at a storage index of a dense tensor (the order masks count in), as indices per dimension. */
    public static long[] position(INDArray values, long storageIndex) {
        long[] shape = values.shape();
        long[] position = new long[shape.length];
        long rest = storageIndex;
        for (int k = 0; k < shape.length; k++) {
            int d = values.ordering() == 'f' ? k : shape.length - 1 - k;
            position[d] = rest % shape[d];
            rest /= shape[d];
        }
        return position;
    }

    /** Everything a restore must bring back, bit for bit. */
    public record State(float[] params, float[] updater, int iterations, int epochs, Map<String, BitSet> masks) {

        public static State of(MultiLayerNetwork net) {
            float[] updater = net.getUpdater(false) == null ? new float[0]
                    : net.getUpdater(false).getStateViewArray().toFloatVector();
            return new State(net.params().toFloatVector(), updater, net.getIterationCount(), net.getEpochCount(),
                    TrainedMlp.masks(ModelHandle.of(net)));
        }

        public void assertSameAs(State actual) {
            assertArrayEquals(params, actual.params, "weights");
            assertArrayEquals(updater, actual.updater, "updater state");
            assertEquals(iterations, actual.iterations, "iterations");
            assertEquals(epochs, actual.epochs, "epochs");
            assertEquals(masks, actual.masks, "masks");
        }
    }
}
