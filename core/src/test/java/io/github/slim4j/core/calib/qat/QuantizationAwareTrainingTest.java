package io.github.slim4j.core.calib.qat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Bitwise;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.TestData;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.train.Trainer;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class QuantizationAwareTrainingTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void trainingThroughTheQuantizedWeightsWinsBackAccuracyAndEndsOnTheGrid() {
        DataSetIterator data = separable(1200, 7);
        MultiLayerNetwork net = trained(data);
        ModelHandle model = ModelHandle.of(net);
        quantize(model, "int2:tensor");
        double before = accuracy(model, data);

        QatResult result = QuantizationAwareTraining.train(model, data, 3, ProgressListener.NONE);

        assertTrue(result.complete());
        assertEquals(3, result.epochsCompleted());
        double after = accuracy(model, data);
        assertTrue(after > before + 0.02, "accuracy " + before + " → " + after);
        assertEquals(2, Quantizations.of(model).size(), "both weight tensors keep a current record");
        Quantizations.of(model).values().forEach(record -> assertEquals("int2:tensor", record.format().name()));
        assertEquals(2, result.quantization().tensors().size());
    }

    @Test
    void anInterruptUndoesTheEpochItStopped() {
        DataSetIterator data = separable(600, 3);
        MultiLayerNetwork net = trained(data);
        ModelHandle model = ModelHandle.of(net);
        quantize(model, "int4");
        long[] steps = {0};

        QatResult result = QuantizationAwareTraining.train(model, data, 3, (done, total, detail) -> {
            if (++steps[0] == 8) {
                Thread.currentThread().interrupt();
            }
        });

        assertFalse(result.complete());
        assertEquals(1, result.epochsCompleted(), "6 batches an epoch: the interrupt came in the second");
        assertEquals(2, Quantizations.of(model).size(), "the weights are quantized again, on their grid");
    }

    @Test
    void aModelWithoutQuantizedWeightsIsRefusedAndUnchanged() {
        MultiLayerNetwork net = trained(separable(200, 1));
        INDArray params = net.params().dup();
        Slim4jException error = assertThrows(Slim4jException.class,
                () -> QuantizationAwareTraining.train(ModelHandle.of(net), separable(200, 1), 1, ProgressListener.NONE));
        assertEquals("quantization-aware training needs quantized weights; the model has none (quantize it first)", error.getMessage());
        Bitwise.assertIdentical(params, net.params());
    }

    @Test
    void dataThatDoesNotFitPutsBackWeightsAndRecords() {
        MultiLayerNetwork net = trained(separable(200, 1));
        ModelHandle model = ModelHandle.of(net);
        quantize(model, "int4");
        INDArray params = net.params().dup();

        assertThrows(Slim4jException.class, () -> QuantizationAwareTraining.train(model, TestData.random(50, 9, 3, 25), 1, ProgressListener.NONE));

        Bitwise.assertIdentical(params, net.params());
        assertEquals(2, Quantizations.of(model).size());
        assertEquals(1, net.getListeners().size(), "only the records' holder is left, not the master weights");
    }

    /** Points in 10 dimensions labelled by which of three fixed directions they lean to most. */
    private static DataSetIterator separable(int examples, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.randn(DataType.FLOAT, examples, 10);
        INDArray directions = Nd4j.randn(DataType.FLOAT, 10, 3);
        INDArray scores = features.mmul(directions);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, examples, 3);
        for (int i = 0; i < examples; i++) {
            labels.putScalar(i, scores.getRow(i).argMax().getInt(0), 1f);
        }
        return new ListDataSetIterator<>(new DataSet(features, labels).asList(), 100);
    }

    private static MultiLayerNetwork trained(DataSetIterator data) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nIn(10).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        Trainer.fit(ModelHandle.of(net), data, 5, ProgressListener.NONE);
        data.reset();
        return net;
    }

    private static void quantize(ModelHandle model, String format) {
        Quantizer.quantize(model, new QuantizeSpec(WeightFormat.parse(format), LayerFormats.none(), Selection.weights()));
    }

    private static double accuracy(ModelHandle model, DataSetIterator data) {
        data.reset();
        return ModelEvaluator.evaluate(model, data, ProgressListener.NONE).accuracy();
    }
}
