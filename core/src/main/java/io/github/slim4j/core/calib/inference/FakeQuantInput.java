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
 * Fake-quantizes the network input, as the first layer's input preprocessor, before the
 * preprocessor that layer had ({@code then}, e.g. the reshape of flat images for a convolution).
 * An inserted activation layer cannot do it: in inference DL4J hands a first layer the caller's own
 * features, which an in-place activation would change, and only a preprocessor gets the workspace
 * manager to copy them where DL4J expects its activations.
 *
 * <p>The gradient passes back unchanged: the network input has no parameters before it, so the
 * straight-through mask would reach no weight.
 */
public final class FakeQuantInput implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private final FakeQuantActivation fakeQuant;
    @JsonProperty
    private final InputPreProcessor then;

    /** @param then the first layer's own preprocessor, or null */
    @JsonCreator
    public FakeQuantInput(@JsonProperty("fakeQuant") FakeQuantActivation fakeQuant, @JsonProperty("then") InputPreProcessor then) {
        this.fakeQuant = Objects.requireNonNull(fakeQuant, "fakeQuant");
        this.then = then;
    }

    public FakeQuantActivation fakeQuant() {
        return fakeQuant;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray quantized = fakeQuant.getActivation(workspaceMgr.dup(ArrayType.ACTIVATIONS, input, input.ordering()), false);
        return then == null ? quantized : then.preProcess(quantized, miniBatchSize, workspaceMgr);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        return then == null ? output : then.backprop(output, miniBatchSize, workspaceMgr);
    }

    @Override
    public InputPreProcessor clone() {
        return new FakeQuantInput(fakeQuant, then == null ? null : then.clone());
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
        return other instanceof FakeQuantInput f && fakeQuant.equals(f.fakeQuant) && Objects.equals(then, f.then);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fakeQuant, then);
    }

    @Override
    public String toString() {
        return "FakeQuantInput(" + fakeQuant + (then == null ? "" : ", then " + then) + ")";
    }
}
