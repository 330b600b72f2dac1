package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.train.Trainer;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Trained networks and their data for the bias-correction tests, seeded so every run builds the same ones. */
final class BiasNetworks {
    static final int BATCH = 100;

    private BiasNetworks() {
    }

    /**
     * Examples with features uniform in [0, 1), whose non-zero mean is what makes a quantization
     * error of the weights shift the layers' mean outputs, labelled by the largest of four fixed projections.
     */
    static DataSet separable(int examples, int columns, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.rand(DataType.FLOAT, examples, columns);
        INDArray classes = features.mmul(Nd4j.randn(DataType.FLOAT, columns, 4)).argMax(1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, 4);
        for (int i = 0; i < examples; i++) {
            labels.putScalar(i, classes.getInt(i), 1);
        }
        return new DataSet(features, labels);
    }

    /** Examples [from, to) of the data, in batches of {@value #BATCH}. */
    static DataSetIterator batches(DataSet data, int from, int to) {
        DataSet part = new DataSet(data.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                data.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
        return new ListDataSetIterator<>(part.asList(), BATCH);
    }

    /** 20 features → "fc1" (16, ReLU) → "fc2" (16, ReLU) → "out" (4, softmax). */
    static MultiLayerNetwork mlp(DataSetIterator data) {
        return trained(new NeuralNetConfiguration.Builder().seed(11).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().name("fc1").nOut(16).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("fc2").nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(20))
                .build(), data);
    }

    /**
     * Flat 8×8 images → "conv" (3×3, 4 channels, ReLU) → "pool" (2×2 max) → "fc" (16, ReLU) → "out" (4, softmax).
     */
    static MultiLayerNetwork cnn(DataSetIterator data) {
        return trained(new NeuralNetConfiguration.Builder().seed(11).updater(new Adam(1e-2)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool").kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("fc").nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1))
                .build(), data);
    }

    /** A copy of the model with its weights (not biases) quantized to the format. */
    static ModelHandle quantizedCopy(ModelHandle model, String format) {
        ModelHandle copy = model.deepCopy();
        Quantizer.quantize(copy, new QuantizeSpec(WeightFormat.parse(format), LayerFormats.none(), Selection.weights()));
        return copy;
    }

    private static MultiLayerNetwork trained(org.deeplearning4j.nn.conf.MultiLayerConfiguration conf, DataSetIterator data) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Trainer.fit(ModelHandle.of(net), data, 10, ProgressListener.NONE);
        data.reset();
        return net;
    }
}
