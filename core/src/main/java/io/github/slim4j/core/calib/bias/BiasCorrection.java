package io.github.slim4j.core.calib.bias;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.calib.bias.CorrectionTargets.Feed;
import io.github.slim4j.core.calib.bias.CorrectionTargets.Target;
import io.github.slim4j.core.calib.inference.ActivationCapture;
import io.github.slim4j.core.calib.inference.CaptureResult;
import io.github.slim4j.core.fold.BatchNormFolding;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.progress.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Empirical bias correction (Nagel et al. 2019, "Data-Free Quantization Through Weight
 * Equalization and Bias Correction", section 4.2, measured on data as AIMET does): quantizing a
 * layer's weights shifts the mean of its output, and the next layers inherit the shift. For each
 * dense, output or convolution layer with a bias, in network order (a MultiLayerNetwork's, or a
 * ComputationGraph's topological order), every output channel's bias is
 * moved by the mean error of its pre-activation output {@code y = W·x + b} on the data:
 *
 * <pre>  b_q ← b_q − (E[y_q] − E[y_f])</pre>
 *
 * where {@code y_f} is the float reference's output of the layer on the reference's own input to
 * it, and {@code y_q} the quantized network's on its input, with the earlier layers already
 * corrected; the mean is over the examples and, for a convolution, over the spatial positions.
 * After correction the layer's mean pre-activation on the data equals the reference's.
 *
 * <p>Since y is linear in x, {@code E[y] = W·E[x] + b}: only the mean input of each layer is
 * captured ({@link MeanInputs}), and the layer is applied to it once ({@link PreActivation}). The
 * reference needs one pass over the data for all its layers; the quantized network one pass per
 * corrected layer, since each correction changes the inputs of the layers after it.
 *
 * <p>A corrected bias that was itself quantized no longer holds its quantized values, so its
 * quantization record stops being current and the bias counts as float again.
 */
public final class BiasCorrection {
    private static final String TASK = "bias correction";

    private BiasCorrection() {
    }

    /**
     * Corrects the quantized model's biases in place; the reference is not changed. Progress counts
     * batches over all passes. An interrupt stops between batches: the layers corrected so far stay
     * corrected, the one being measured is not, and the report says {@code complete == false}.
     *
     * @param quantized a DL4J network with quantized weights, possibly a simulated quantized
     *     network whose inserted fake-quantizing layers are passed through, never corrected
     * @param reference the float network it was made from, of the same kind: the same layers with
     *     parameters, under the same names, with the same shapes
     * @param data      calibration data; the iterator must be able to reset
     * @throws Slim4jException when either model is not a DL4J network, the two are the same
     *     network or do not match, the data is empty, cannot reset or does not fit; the quantized
     *     model is then unchanged
     */
    public static BiasCorrectionReport correct(ModelHandle quantized, ModelHandle givenReference, DataSetIterator data,
            ProgressListener progress) {
        ModelHandle reference = BatchNormFolding.foldedLike(quantized, givenReference);
        NetworkLayers quantizedLayers = NetworkLayers.of(quantized, "quantized");
        NetworkLayers referenceLayers = NetworkLayers.of(reference, "reference");
        if (quantized.unwrap() == givenReference.unwrap()) {
            throw new Slim4jException("the quantized model and the reference are the same network; the reference must be the float original");
        }
        if (!quantized.kind().equals(reference.kind())) {
            throw new Slim4jException("the reference does not match the quantized model: it is a " + reference.kind()
                    + ", the quantized model a " + quantized.kind());
        }
        CorrectionTargets found = CorrectionTargets.of(quantized, quantizedLayers, reference, referenceLayers);
        List<Target> targets = found.targets();
        if (targets.isEmpty()) {
            return new BiasCorrectionReport(List.of(), found.skipped(), 0, true);
        }
        BatchLoop.requireReset(data, TASK + " passes over the data once for the reference and once per corrected layer");
        List<INDArray> biasesBefore = targets.stream().map(target -> bias(target).dup()).toList();
        try {
            List<CorrectedLayer> corrected = new Run(quantized, reference, data, progress, targets).correct();
            return new BiasCorrectionReport(corrected, found.skipped(), targets.size(), corrected.size() == targets.size());
        } catch (RuntimeException failure) {
            for (int i = 0; i < targets.size(); i++) {
                bias(targets.get(i)).assign(biasesBefore.get(i));
            }
            throw failure;
        }
    }

    private static INDArray bias(Target target) {
        return target.quantized().layer().getParam("b");
    }

    /** The passes over the data, with progress counted across them. */
    private static final class Run {
        private final ModelHandle quantized;
        private final ModelHandle reference;
        private final DataSetIterator data;
        private final ProgressListener progress;
        private final List<Target> targets;
        private final long total;
        private long batchesBefore;

        Run(ModelHandle quantized, ModelHandle reference, DataSetIterator data, ProgressListener progress, List<Target> targets) {
            this.quantized = quantized;
            this.reference = reference;
            this.data = data;
            this.progress = progress;
            this.targets = targets;
            long perPass = BatchLoop.batchesPerPass(data);
            this.total = perPass < 0 ? -1 : perPass * (1 + targets.size());
        }

        /** The layers corrected, all of them unless an interrupt came first. */
        List<CorrectedLayer> correct() {
            Map<String, Feed> referenceFeeds = new LinkedHashMap<>();
            targets.forEach(target -> referenceFeeds.put(target.name(), target.reference()));
            MeanInputs referenceMeans = new MeanInputs(referenceFeeds);
            List<CorrectedLayer> corrected = new ArrayList<>();
            if (!capture(reference, referenceMeans, "reference")) {
                return corrected;
            }
            for (Target target : targets) {
                double[] expected = PreActivation.meanPerChannel(target.reference().layer(), referenceMeans.mean(target.name()));
                MeanInputs quantizedMeans = new MeanInputs(Map.of(target.name(), target.quantized()));
                if (!capture(quantized, quantizedMeans, "layer " + target.name() + " (" + (corrected.size() + 1) + "/" + targets.size() + ")")) {
                    return corrected;
                }
                double[] actual = PreActivation.meanPerChannel(target.quantized().layer(), quantizedMeans.mean(target.name()));
                corrected.add(apply(target, actual, expected));
            }
            return corrected;
        }

        /** One pass; false when an interrupt stopped it. */
        private boolean capture(ModelHandle model, MeanInputs means, String stage) {
            long before = batchesBefore;
            CaptureResult result = ActivationCapture.runAt(model, means.outputs(), data, ActivationCapture.ALL_BATCHES, means,
                    (done, all, detail) -> progress.progress(before + done, total, stage + ", " + detail));
            batchesBefore += result.batches();
            return result.complete();
        }

        private CorrectedLayer apply(Target target, double[] actual, double[] expected) {
            INDArray bias = bias(target);
            double sum = 0;
            double max = 0;
            for (int c = 0; c < actual.length; c++) {
                double correction = actual[c] - expected[c];
                bias.putScalar(c, bias.getDouble(c) - correction);
                sum += Math.abs(correction);
                max = Math.max(max, Math.abs(correction));
            }
            return new CorrectedLayer(target.name(), actual.length, sum / actual.length, max);
        }
    }
}
