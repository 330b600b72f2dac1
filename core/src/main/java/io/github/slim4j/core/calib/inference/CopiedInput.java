package io.github.slim4j.core.calib.inference;

import java.util.Objects;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Hands a ComputationGraph layer a copy of its input, made where DL4J keeps activations, then
 * applies the preprocessor the layer had ({@code then}). DL4J's activation layers apply their
 * function in place in inference, to the very array they read: on a network input that is the
 * caller's features, and on any other vertex the values DL4J reports as that vertex's output.
 */
public final class CopiedInput implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private final InputPreProcessor then;

    /** @param then the layer's own preprocessor, or null */
    @JsonCreator
    public CopiedInput(@JsonProperty("then") InputPreProcessor then) {
        this.then = then;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray copy = workspaceMgr.dup(ArrayType.ACTIVATIONS, input, input.ordering());
        return then == null ? copy : then.preProcess(copy, miniBatchSize, workspaceMgr);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return then == null ? output : then.backprop(output, miniBatchSize, workspaceMgr);
    }

    @Override
    public InputPreProcessor clone() {
        return new CopiedInput(then == null ? null : then.clone());
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return then == null ? inputType : then.getOutputType(inputType);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return then == null ? new Pair<>(maskArray, currentMaskState) : then.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CopiedInput c && Objects.equals(then, c.then);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(then);
    }

    @Override
    public String toString() {
        return "CopiedInput(" + (then == null ? "" : "then " + then) + ")";
    }
}
