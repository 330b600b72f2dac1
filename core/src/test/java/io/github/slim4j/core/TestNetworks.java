package io.github.slim4j.core;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small real DL4J networks for tests, seeded so every run builds the same weights. */
public final class TestNetworks {
    private TestNetworks() {
    }

    /** 784 → 32 (ReLU) → 10 (softmax), with unnamed layers; 25,450 parameters. */
    public static MultiLayerNetwork mlp() {
        return mlp(32);
    }

    public static MultiLayerNetwork mlp(int hidden) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Adam(3e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(hidden).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Named layers with batch normalization between them: "hidden" → "bn" → "out", 4 → 3 → 2. */
    public static MultiLayerNetwork namedWithBatchNorm() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().name("bn").nOut(3).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out")
                        .nIn(3).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * input "in" → "z_hidden" (784 → 16) → "a_out" (16 → 10). The names sort against the
     * topological order, so a test can tell which order was used.
     */
    public static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Adam(3e-3))
                .graphBuilder()
                .addInputs("in")
                .addLayer("z_hidden", new DenseLayer.Builder().nIn(784).nOut(16).activation(Activation.RELU).build(), "in")
                .addLayer("a_out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16).nOut(10).activation(Activation.SOFTMAX).build(), "z_hidden")
                .setOutputs("a_out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
