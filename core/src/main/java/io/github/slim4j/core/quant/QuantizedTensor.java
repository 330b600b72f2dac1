package io.github.slim4j.core.quant;

import io.github.slim4j.core.Slim4jException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Optional;

/**
 * A tensor as a format stores it: its codes, packed, and for integer and fixed-point formats their
 * scales and zero points. Float formats keep their bit patterns as codes and have no parameters.
 * Powers of two keep their top power as their one scale ({@link PowerOfTwoFormat}).
 *
 * <pre>{@code
 * QuantizedTensor q = Quantizations.of(ModelHandle.of(weights)).get("fc1.weight");
 * int[] codes = q.codes().unpack(true);
 * float[] scales = q.qparams().orElseThrow().scales();
 * }</pre>
 *
 * @param shape the tensor's shape; codes run in C order over it (the last axis fastest), whatever
 *              the order of the tensor's own buffer
 */
public record QuantizedTensor(WeightFormat format, long[] shape, PackedCodes codes, Optional<QParams> qparams) {

    /** @throws IllegalArgumentException when the codes are not one per element at the format's width, or parameters are missing or extra */
    public QuantizedTensor {
        shape = shape.clone();
        long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (codes.count() != elements || codes.bits() != format.bits()) {
            throw new IllegalArgumentException(codes + " cannot be the " + format.name() + " codes of a tensor of shape " + Arrays.toString(shape));
        }
        boolean scaled = !(format instanceof FloatFormat || format instanceof MantissaFormat);
        if (qparams.isPresent() != scaled) {
            throw new IllegalArgumentException(format.name() + (scaled ? " needs" : " takes no") + " scales and zero points");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The values the codes stand for, as float32 in the tensor's shape. */
    public INDArray dequantize() {
        INDArray values = Nd4j.create(DataType.FLOAT, shape, 'c');
        dequantizeInto(values);
        return values;
    }

    /**
     * Writes the values the codes stand for into {@code target}, a tensor of this shape, in place:
     * simulated quantization, from the record alone.
     *
     * @throws Slim4jException when the target has another shape
     */
    public void dequantizeInto(INDArray target) {
        if (!Arrays.equals(target.shape(), shape)) {
            throw new Slim4jException("cannot write a quantized tensor of shape " + Arrays.toString(shape) + " into one of shape "
                    + Arrays.toString(target.shape()));
        }
        CodeStream.decodeInto(this, target, (position, replaced, decoded, length) -> { });
    }

    /** Bits to store the tensor: the packed codes and the parameters. */
    public long storageBits() {
        return codes.count() * codes.bits() + qparams.map(QParams::storageBits).orElse(0L);
    }

    /**
     * Whether {@code values} still hold exactly this tensor's dequantized values, so that this
     * record describes them; training or editing the weights afterwards makes it stale. Values
     * compare as floats: −0 is 0 (a mask that zeroes an entry again does not make it stale).
     */
    public boolean describes(INDArray values) {
        if (!Arrays.equals(values.shape(), shape)) {
            return false;
        }
        boolean[] same = {true};
        CodeStream.alongside(values, this, (position, actual, decoded, length) -> {
            boolean chunkSame = true;
            for (int i = 0; i < length; i++) {
                chunkSame &= actual[i] == decoded[i];
            }
            // Parts run at once: only ever clearing the flag loses no difference.
            if (!chunkSame) {
                same[0] = false;
            }
        });
        return same[0];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuantizedTensor q && format.equals(q.format) && Arrays.equals(shape, q.shape) && codes.equals(q.codes)
                && qparams.equals(q.qparams);
    }

    @Override
    public int hashCode() {
        return ((format.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + codes.hashCode()) * 31 + qparams.hashCode();
    }

    @Override
    public String toString() {
        return "QuantizedTensor[" + format.name() + ", shape " + Arrays.toString(shape) + ", " + codes + qparams.map(q -> ", " + q).orElse("")
                + "]";
    }
}
