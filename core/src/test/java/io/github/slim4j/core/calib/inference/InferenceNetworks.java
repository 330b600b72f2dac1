package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.Scheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Networks and data for the inference tests, seeded so every run builds the same ones. */
final class InferenceNetworks {
    static final int CNN_SIDE = 8;

    private InferenceNetworks() {
    }

    /** Flat 8×8 images → "conv" (3×3, 4 channels, ReLU) → "pool" (2×2 max) → "fc" (16, ReLU) → "out" (10, softmax). */
    static MultiLayerNetwork cnn() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .updater(new Adam(3e-3))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool").kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(CNN_SIDE, CNN_SIDE, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** 20 features → "fc1" (16, ReLU) → "fc2" (16, ReLU) → "out" (4, softmax), trained on {@link #separable} data. */
    static MultiLayerNetwork trainedClassifier(DataSetIterator data) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder().name("fc1").nIn(20).nOut(16).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("fc2").nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(20))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.fit(data, 30);
        return net;
    }

    /** Sequences of 3 features → "lstm" (4) → "fc" (5, tanh) → "out" (2, softmax). */
    static MultiLayerNetwork withLstm() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .list()
                .layer(new LSTM.Builder().name("lstm").nOut(4).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(3, 6))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Labels a linear rule of the features decides (the class of the largest of four fixed
     * projections), so a small network learns them well.
     */
    static DataSetIterator separable(int examples, int columns, int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.FLOAT, examples, columns);
        INDArray projections = features.mmul(Nd4j.randn(DataType.FLOAT, columns, 4));
        INDArray classes = projections.argMax(1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, 4);
        for (int i = 0; i < examples; i++) {
            labels.putScalar(i, classes.getInt(i), 1);
        }
        return new ListDataSetIterator<>(new DataSet(features, labels).asList(), batch);
    }

    /** The observed [min, max] of every point of the model on the data, by point name in point order. */
    static Map<String, float[]> ranges(ModelHandle model, DataSetIterator data) {
        Map<String, float[]> ranges = new LinkedHashMap<>();
        ActivationCapture.run(model, data, ActivationCapture.ALL_BATCHES, (point, values) -> {
            float[] range = ranges.computeIfAbsent(point, p -> new float[] {Float.MAX_VALUE, -Float.MAX_VALUE});
            range[0] = Math.min(range[0], values.minNumber().floatValue());
            range[1] = Math.max(range[1], values.maxNumber().floatValue());
        }, ProgressListener.NONE);
        return ranges;
    }

    /** Min-max parameters of the format for every observed point, as PyTorch's MinMaxObserver gives them. */
    static Map<String, ActivationQuantization> minMax(Map<String, float[]> ranges, IntegerFormat format) {
        Map<String, ActivationQuantization> quantizations = new LinkedHashMap<>();
        ranges.forEach((point, range) -> quantizations.put(point,
                new ActivationQuantization(format, format.qparams(range[0], range[1]))));
        return quantizations;
    }

    static IntegerFormat affine(int bits, boolean signed) {
        return new IntegerFormat(bits, Scheme.AFFINE, signed, new Granularity.PerTensor());
    }
}
