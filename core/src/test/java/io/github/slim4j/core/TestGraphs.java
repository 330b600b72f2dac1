package io.github.slim4j.core;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small DL4J ComputationGraphs and their data, seeded so every run builds the same ones. */
public final class TestGraphs {
    /** The side of the residual CNN's one-channel square images. */
    public static final int SIDE = 6;
    public static final int CLASSES = 3;

    private TestGraphs() {
    }

    /**
     * image [n, 1, 6, 6] → "stem" (3×3 same, 4 channels) → "bn" → "relu" → "conv" (3×3 same, 4
     * channels) → "add" (conv + relu) → "relu2" → "pool" (global average) → "fc" (8, ReLU) → "out"
     * (3, softmax). The batch normalization's statistics and scales are random rather than DL4J's
     * identity start, so that it does something.
     */
    public static ComputationGraph residualCnn(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-2))
                .graphBuilder()
                .addInputs("image")
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "image")
                .addLayer("bn", new BatchNormalization.Builder().build(), "stem")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "relu")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv", "relu")
                .addLayer("relu2", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu2")
                .addLayer("fc", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(SIDE, SIDE, 1))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Nd4j.getRandom().setSeed(seed);
        graph.getLayer("bn").getParam("gamma").assign(Nd4j.rand(DataType.FLOAT, 1, 4).addi(0.5));
        graph.getLayer("bn").getParam("beta").assign(Nd4j.randn(DataType.FLOAT, 1, 4).muli(0.2));
        graph.getLayer("bn").getParam("mean").assign(Nd4j.randn(DataType.FLOAT, 1, 4).muli(0.1));
        graph.getLayer("bn").getParam("log10stdev").assign(Nd4j.randn(DataType.FLOAT, 1, 4).muli(0.2));
        return graph;
    }

    /** "in" (6 features) → "d1" (8, ReLU) → "d2" (8, identity) → "act" (leaky ReLU activation layer) → "out" (3, softmax). */
    public static ComputationGraph denseGraph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-2))
                .graphBuilder()
                .addInputs("in")
                .addLayer("d1", new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("d2", new DenseLayer.Builder().nIn(8).nOut(8).activation(Activation.IDENTITY).build(), "d1")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.LEAKYRELU).build(), "d2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "act")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Images with pixels uniform in [0, 1), labelled by the largest of three fixed projections, in batches. */
    public static DataSetIterator images(int examples, int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return labelled(Nd4j.rand(DataType.FLOAT, examples, 1, SIDE, SIDE), batch);
    }

    /** Rows of {@code columns} features uniform in [-0.5, 0.5), labelled as {@link #images} are. */
    public static DataSetIterator rows(int examples, int columns, int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return labelled(Nd4j.rand(DataType.FLOAT, examples, columns).subi(0.5), batch);
    }

    private static DataSetIterator labelled(INDArray features, int batch) {
        long examples = features.size(0);
        INDArray flat = features.reshape(examples, features.length() / examples);
        INDArray classes = flat.mmul(Nd4j.randn(DataType.FLOAT, flat.size(1), CLASSES)).argMax(1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, CLASSES);
        for (int i = 0; i < examples; i++) {
            labels.putScalar(i, classes.getInt(i), 1);
        }
        return new ListDataSetIterator<>(new DataSet(features, labels).asList(), batch);
    }
}
