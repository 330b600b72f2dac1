package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.Scheme;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A DL4J activation function that fake-quantizes its input per tensor, as PyTorch's
 * {@code fake_quantize_per_tensor_affine} (through {@link IntegerFormat#fakeQuantize}). Its gradient
 * is the straight-through estimator: the incoming gradient passes where the value's code before
 * clamping lies in the code range and is 0 elsewhere ({@link IntegerFormat#passMask}), so a network
 * with these activations can still be trained.
 *
 * <p>The configuration is plain fields, so DL4J's JSON and Java serialization of the network
 * configuration carry it; the format and parameters are rebuilt from them on each call, which costs
 * nothing next to the tensor work.
 */
public final class FakeQuantActivation extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private final int bits;
    @JsonProperty
    private final boolean signed;
    @JsonProperty
    private final Scheme scheme;
    @JsonProperty
    private final float scale;
    @JsonProperty
    private final int zeroPoint;

    public FakeQuantActivation(ActivationQuantization quantization) {
        this(quantization.format().bits(), quantization.format().signed(), quantization.format().scheme(),
                quantization.scale(), quantization.zeroPoint());
    }

    /** For DL4J's JSON configuration. */
    @JsonCreator
    FakeQuantActivation(@JsonProperty("bits") int bits, @JsonProperty("signed") boolean signed,
            @JsonProperty("scheme") Scheme scheme, @JsonProperty("scale") float scale,
            @JsonProperty("zeroPoint") int zeroPoint) {
        this.bits = bits;
        this.signed = signed;
        this.scheme = scheme;
        this.scale = scale;
        this.zeroPoint = zeroPoint;
    }

    /** The format and parameters this activation quantizes with. */
    public ActivationQuantization quantization() {
        return new ActivationQuantization(format(), QParams.perTensor(scale, zeroPoint));
    }

    /**
     * In place, as DL4J's own activations: an activation layer hands in its own copy in training
     * and, in inference, the previous layer's output. For the network input that would be the
     * caller's features, which is why {@link FakeQuantInput} quantizes the input instead.
     */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        format().fakeQuantize(in, QParams.perTensor(scale, zeroPoint));
        return in;
    }

    /** DL4J hands in its own copy of the pre-activation values, which becomes the gradient. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        format().passMask(in, QParams.perTensor(scale, zeroPoint));
        in.muli(epsilon);
        return new Pair<>(in, null);
    }

    private IntegerFormat format() {
        return new IntegerFormat(bits, scheme, signed, new Granularity.PerTensor());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FakeQuantActivation f && bits == f.bits && signed == f.signed && scheme == f.scheme
                && Float.compare(scale, f.scale) == 0 && zeroPoint == f.zeroPoint;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bits, signed, scheme, scale, zeroPoint);
    }

    /** As DL4J tables show a layer's activation, e.g. "fakequant(uint8:affine:tensor, scale=0.0123, zp=0)". */
    @Override
    public String toString() {
        return "fakequant(" + format().name() + ", scale=" + scale + ", zp=" + zeroPoint + ")";
    }
}
