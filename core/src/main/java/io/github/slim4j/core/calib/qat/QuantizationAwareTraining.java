package io.github.slim4j.core.calib.qat;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.network.TrainingState;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.quant.QuantizationReport;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.TensorFormat;
import io.github.slim4j.core.train.Trainer;
import io.github.slim4j.core.train.TrainingResult;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.Map;

/**
 * Quantization-aware fine-tuning of a network whose weights were quantized: a few epochs in which
 * every forward pass uses the quantized weights and the updates go to float master weights
 * ({@link MasterWeights}), through the straight-through estimator. Each tensor keeps the format it
 * was quantized to. Fake-quantized activations, when the network has them (a simulated quantized
 * network), pass their gradients straight through as well.
 *
 * <p>At the end the master weights are quantized once more, so the network holds codes and the
 * values they stand for, as after {@code %quantize}. An interrupt undoes the epoch it stopped
 * (the network gets the master weights of the last finished epoch, or those it started with); a
 * failure puts back everything: weights, updater state, counters and quantization records.
 */
public final class QuantizationAwareTraining {

    private QuantizationAwareTraining() {
    }

    /**
     * @throws Slim4jException when the model is not a DL4J network, has no quantized weights, the
     *     epochs are below 1, or the data does not fit; the model is then unchanged
     */
    public static QatResult train(ModelHandle model, DataSetIterator data, int epochs, ProgressListener progress) {
        if (epochs < 1) {
            throw new Slim4jException("epochs must be at least 1, got " + epochs);
        }
        Network network = Network.of(model, "quantization-aware training");
        List<TensorFormat> formats = quantizedTensors(model);
        if (epochs > 1) {
            BatchLoop.requireReset(data, "quantization-aware training passes over the data " + epochs + " times");
        }
        TrainingState before = network.save();
        Map<String, QuantizedTensor> recordsBefore = Quantizations.of(model);
        Model dl4j = (Model) model.unwrap();
        MasterWeights masters = MasterWeights.attach(model, dl4j, formats);
        try {
            Epochs run = run(model, data, epochs, progress, masters);
            masters.detach(dl4j);
            QuantizationReport report = Quantizer.quantize(model, formats);
            return new QatResult(run.completed, epochs, run.lastLoss, report, run.completed == epochs);
        } catch (RuntimeException failure) {
            masters.detach(dl4j);
            network.restore(before);
            Quantizations.restore(model, recordsBefore);
            throw failure;
        }
    }

    /** The epochs done and the last loss. */
    private record Epochs(int completed, double lastLoss) {
    }

    private static Epochs run(ModelHandle model, DataSetIterator data, int epochs, ProgressListener progress, MasterWeights masters) {
        List<INDArray> lastEpoch = masters.snapshot();
        long perEpoch = BatchLoop.batchesPerPass(data);
        double lastLoss = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (epoch > 0) {
                data.reset();
            }
            int done = epoch;
            TrainingResult result = Trainer.fit(model, data, 1, (batches, total, detail) ->
                    progress.progress(perEpoch < 0 ? batches : done * perEpoch + batches, perEpoch < 0 ? -1 : epochs * perEpoch,
                            "epoch " + (done + 1) + "/" + epochs + ", " + detail.replaceFirst("^epoch 1/1, ", "")));
            lastLoss = result.lastLoss();
            if (!result.complete()) {
                masters.restore(lastEpoch);
                return new Epochs(epoch, lastLoss);
            }
            lastEpoch = masters.snapshot();
        }
        return new Epochs(epochs, lastLoss);
    }

    /** Every tensor with a current quantization record, with its format. */
    private static List<TensorFormat> quantizedTensors(ModelHandle model) {
        Map<String, QuantizedTensor> records = Quantizations.of(model);
        if (records.isEmpty()) {
            throw new Slim4jException("quantization-aware training needs quantized weights; the model has none (quantize it first)");
        }
        return model.parameters().stream()
                .filter(tensor -> records.containsKey(tensor.qualifiedName()))
                .map(tensor -> new TensorFormat(tensor, records.get(tensor.qualifiedName()).format()))
                .toList();
    }
}
