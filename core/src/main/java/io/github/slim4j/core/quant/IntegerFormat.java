package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.WeightAxes;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;
import java.util.Optional;

/**
 * Uniform integer quantization, bit for bit as PyTorch: {@code q = clamp(zp + rint(x × (1/scale)))}
 * with the float32 reciprocal and round-half-even, {@code deq = (q − zp) × scale}. Ranges include 0.
 * Affine: {@code scale = max((max − min)/(qmax − qmin), 2^-23)}, {@code zp = clamp(qmin − rint(min/scale))};
 * symmetric: {@code scale = max(amax/((qmax − qmin)/2), 2^-23)}, zero point 0 for signed codes and
 * {@code (qmin + qmax + 1)/2} (128 for 8 bits) for unsigned ones. Signed codes run from
 * −2^(B−1) to 2^(B−1) − 1, unsigned from 0 to 2^B − 1.
 *
 * <p>The parameters are those of PyTorch's {@code MinMaxObserver} and {@code PerChannelMinMaxObserver}
 * ({@code _calculate_qparams} in {@code torch/ao/quantization/observer.py}), in float32 as there:
 * {@code min = min(x_min, 0)}, {@code max = max(x_max, 0)}; the affine zero point divides (it is
 * {@code torch.round(min / scale)}) where quantizing multiplies by the reciprocal. A slice without
 * values gets PyTorch's parameters for an unobserved range, scale 1 and zero point 0. Symmetric
 * scales divide by {@code (qmax − qmin)/2}, 127.5 for 8 bits, so {@code amax} itself rounds to
 * 128 and clamps to 127, as in PyTorch.
 *
 * <p>The observed range is each slice's min and max unless {@code range} clips it ({@link WeightRange}):
 * the clipped range then goes through the same rules.
 */
public record IntegerFormat(int bits, Scheme scheme, boolean signed, Granularity granularity, WeightRange range)
        implements WeightFormat {

    /** The smallest scale PyTorch's observers allow, {@code torch.finfo(torch.float32).eps}. */
    private static final float EPS = 0x1p-23f;

    public IntegerFormat {
        if (bits < 2 || bits > 16) {
            throw new Slim4jException("integer formats have 2 to 16 bits, got " + bits);
        }
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(range, "range");
    }

    /** A format with PyTorch's min-max ranges. */
    public IntegerFormat(int bits, Scheme scheme, boolean signed, Granularity granularity) {
        this(bits, scheme, signed, granularity, new WeightRange.MinMax());
    }

    /** The smallest code: −2^(B−1) signed, 0 unsigned. */
    public int qmin() {
        return signed ? -(1 << (bits - 1)) : 0;
    }

    /** The largest code: 2^(B−1) − 1 signed, 2^B − 1 unsigned. */
    public int qmax() {
        return signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    }

    @Override
    public String name() {
        String granularityName;
        if (granularity instanceof Granularity.PerTensor) {
            granularityName = ":tensor";
        } else if (granularity instanceof Granularity.PerGroup group) {
            granularityName = ":group" + group.size();
        } else {
            granularityName = ((Granularity.PerChannel) granularity).axis().stream().mapToObj(axis -> ":channel" + axis)
                    .findFirst().orElse("");
        }
        String rangeName = range.option().isEmpty() ? "" : ":" + range.option();
        return (signed ? "int" : "uint") + bits + (scheme == Scheme.AFFINE ? ":affine" : "") + granularityName + rangeName;
    }

    @Override
    public QuantizedTensor quantize(INDArray values, WeightAxes axes) {
        return encode(values, qparams(values, axes));
    }

    /**
     * The parameters of this format's granularity for the values, from each slice's range as this
     * format's {@link WeightRange} chooses it, as PyTorch's observers compute them for that range
     * (see the class comment); with min-max ranges, PyTorch's min-max observers bit for bit.
     *
     * @throws Slim4jException for NaN or infinite values, an axis the values lack, or an input
     *     dimension that is not a multiple of the group size
     */
    public QParams qparams(INDArray values, WeightAxes axes) {
        Slicing slicing = Slicing.of(granularity, axes);
        Extremes ranges = SliceRanges.of(range, this, values, slicing.runs(values.shape()));
        return qparams(ranges.min(), ranges.max(), slicing);
    }

    /**
     * Quantizes values with given parameters, as PyTorch's {@code fake_quantize_per_tensor_affine}
     * and {@code fake_quantize_per_channel_affine} do (with this format's code range): the
     * parameters' axes, not this format's granularity, say which values share a scale.
     *
     * @throws Slim4jException for NaN or infinite values, or parameters that do not fit the
     *     tensor (another number of slices, an axis it lacks, a zero point outside the code range)
     */
    public QuantizedTensor quantize(INDArray values, QParams qparams) {
        Extremes.requireFinite(values);
        return encode(values, qparams);
    }

    /**
     * Replaces values, in place, by what their codes with these parameters stand for, as PyTorch's
     * {@code fake_quantize_per_tensor_affine} and {@code fake_quantize_per_channel_affine} do (with
     * this format's code range), without making the codes: float32 arithmetic throughout, the same
     * values bit for bit as {@code quantize(values, qparams).dequantize()}. NaN stays NaN and ±∞
     * goes to the grid's ends.
     *
     * @throws Slim4jException for parameters that do not fit the tensor
     */
    public void fakeQuantize(INDArray values, QParams qparams) {
        COrder.update(values, new AffineGrid(values.shape(), qparams, qmin(), qmax())::fakeQuantize);
    }

    /**
     * Replaces values, in place, by the straight-through gradient mask of {@link #fakeQuantize}: 1
     * where the value's code before clamping, {@code zp + rint(x × (1/scale))}, lies in this
     * format's code range (the gradient passes), 0 where it does not or the value is NaN, as
     * PyTorch's {@code fake_quantize_per_tensor_affine} backward.
     *
     * @throws Slim4jException for parameters that do not fit the tensor
     */
    public void passMask(INDArray values, QParams qparams) {
        COrder.update(values, new AffineGrid(values.shape(), qparams, qmin(), qmax())::passMask);
    }

    /**
     * The parameters PyTorch's observers compute for one observed range, per tensor: what this
     * format's {@link #quantize(INDArray, WeightAxes)} does for each slice.
     */
    public QParams qparams(float min, float max) {
        return qparams(new float[] {min}, new float[] {max}, Slicing.WHOLE);
    }

    private QParams qparams(float[] min, float[] max, Slicing slicing) {
        int qmin = qmin();
        int qmax = qmax();
        float[] scales = new float[min.length];
        int[] zeroPoints = new int[min.length];
        for (int s = 0; s < min.length; s++) {
            if (min[s] > max[s]) {
                scales[s] = 1f;
                continue;
            }
            float minNeg = Math.min(min[s], 0f);
            float maxPos = Math.max(max[s], 0f);
            if (scheme == Scheme.SYMMETRIC) {
                scales[s] = Math.max(Math.max(-minNeg, maxPos) / ((qmax - qmin) / 2f), EPS);
                zeroPoints[s] = signed ? 0 : (qmin + qmax + 1) / 2;
            } else {
                scales[s] = Math.max((maxPos - minNeg) / (float) (qmax - qmin), EPS);
                zeroPoints[s] = Math.min(Math.max(qmin - (int) Math.rint(minNeg / scales[s]), qmin), qmax);
            }
        }
        return QParams.of(scales, zeroPoints, slicing);
    }

    private QuantizedTensor encode(INDArray values, QParams qparams) {
        PackedCodes codes = AffineGrid.codes(values, qparams, qmin(), qmax(), bits);
        return new QuantizedTensor(this, values.shape(), codes, Optional.of(qparams));
    }
}
