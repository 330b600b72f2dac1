package io.github.slim4j.core.quant.error;

/**
 * How closely a model's predictions follow a reference model's on the same examples.
 *
 * @param top1Agreement     share of examples where both predict the same class
 * @param meanKl            mean KL divergence KL(reference ‖ model) of the softmax outputs, in nats
 * @param accuracy          the model's accuracy on the labels
 * @param referenceAccuracy the reference's accuracy on the labels
 * @param complete          false when an interrupt stopped the pass; the figures are for the examples seen
 */
public record OutputAgreement(long examples, double top1Agreement, double meanKl, double accuracy, double referenceAccuracy,
                              boolean complete) {

    /** How much accuracy the model loses against the reference (negative when it gains). */
    public double accuracyDrop() {
        return referenceAccuracy - accuracy;
    }
}
