package io.github.slim4j.core.calib.inference;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Receives the activations of one quantization point for one batch. */
@FunctionalInterface
public interface ActivationConsumer {

    /**
     * @param point the point's name, or the output's for {@link ActivationCapture#runAt}
     * @param activations the point's values for the batch, detached from DL4J's workspaces, so
     *     they may be kept; the input's point is the batch's features themselves, which must not be changed
     * @throws io.github.slim4j.core.Slim4jException to stop the capture, e.g. on NaN values; the
     *     capture adds the point and batch to the message
     */
    void accept(String point, INDArray activations);
}
