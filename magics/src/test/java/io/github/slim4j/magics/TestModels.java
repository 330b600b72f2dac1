package io.github.slim4j.magics;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small real models and data for magic tests: fast, seeded, and learnable. */
public final class TestModels {

    public static final int FEATURES = 12;
    public static final int CLASSES = 8;

    private TestModels() {
    }

    /** A 12-16-8 MLP, initialised but untrained. */
    public static MultiLayerNetwork mlp(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same 12-16-8 shape as a ComputationGraph: input → "hidden" → "out". */
    public static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(0.01))
                .graphBuilder()
                .addInputs("input")
                .addLayer("hidden", new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.RELU).build(), "input")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /**
     * 12 features → "a" (16, ReLU) → "b" (16, identity) → "sum" (a + b) → "relu" (activation layer)
     * → "out" (8, softmax): a graph with a residual branch.
     */
    public static ComputationGraph residualGraph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("input")
                .addLayer("a", new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.RELU).build(), "input")
                .addLayer("b", new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.IDENTITY).build(), "a")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "sum")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "relu")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Random examples with {@code width} features, for shape errors. */
    public static DataSetIterator dataOfWidth(int examples, int batch, int width) {
        DataSet all = new DataSet(Nd4j.rand(examples, width), Nd4j.zeros(examples, CLASSES));
        return new ListDataSetIterator<>(all.asList(), batch);
    }

    /** Examples whose class is the index of their largest feature among the first CLASSES. */
    public static DataSetIterator data(int examples, int batch, long seed) {
        Random random = new Random(seed);
        List<DataSet> rows = new ArrayList<>();
        for (int i = 0; i < examples; i++) {
            float[] x = new float[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                x[j] = random.nextFloat();
            }
            int label = random.nextInt(CLASSES);
            x[label] += 1.5f;
            INDArray features = Nd4j.createFromArray(new float[][] {x});
            INDArray labels = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, CLASSES);
            labels.putScalar(0, label, 1f);
            rows.add(new DataSet(features, labels));
        }
        return new ListDataSetIterator<>(rows, batch);
    }
}
