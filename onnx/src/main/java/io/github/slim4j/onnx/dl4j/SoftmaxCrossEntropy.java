package io.github.slim4j.onnx.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy of the softmax of logits, computed from the logits: the loss an imported classifier
 * trains with. ONNX models from PyTorch end in the logits (PyTorch's {@code cross_entropy} takes
 * them), and the imported graph must output exactly what the ONNX model outputs, so its loss layer
 * keeps the identity activation and the softmax lives here, where log-softmax stays stable for large
 * logits.
 */
public final class SoftmaxCrossEntropy implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        INDArray perExample = computeScoreArray(labels, preOutput, activationFn, mask);
        double score = perExample.sumNumber().doubleValue();
        return average ? score / perExample.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray logits = activationFn.getActivation(preOutput.dup(), true);
        INDArray terms = logSoftmax(logits).muli(labels.castTo(logits.dataType())).negi();
        if (mask != null) {
            LossUtil.applyMask(terms, mask);
        }
        return terms.sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray logits = activationFn.getActivation(preOutput.dup(), true);
        INDArray dLogits = Transforms.softmax(logits, true).subi(labels.castTo(logits.dataType()));
        INDArray gradient = activationFn.backprop(preOutput.dup(), dLogits).getFirst();
        if (mask != null) {
            LossUtil.applyMask(gradient, mask);
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
            INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    /** {@code x - max - log(sum(exp(x - max)))} per row. */
    private static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum);
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SoftmaxCrossEntropy;
    }

    @Override
    public int hashCode() {
        return SoftmaxCrossEntropy.class.hashCode();
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy()";
    }
}
