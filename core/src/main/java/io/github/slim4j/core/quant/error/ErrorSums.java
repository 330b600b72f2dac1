package io.github.slim4j.core.quant.error;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.tensor.FloatReader;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sums every error figure derives from, gathered in one pass over an approximation and its
 * reference; sums of several tensors {@linkplain #plus add up} to the figures of all of them together.
 *
 * @param count                values compared
 * @param referenceSquares     Σref²
 * @param approximationSquares Σx²
 * @param errorSquares         Σ(ref − x)²
 * @param dot                  Σref·x
 * @param maxAbsError          the largest |ref − x|
 */
public record ErrorSums(long count, double referenceSquares, double approximationSquares, double errorSquares, double dot,
                        double maxAbsError) {

    /** The sums over no values, which {@link #plus} starts from. */
    public static final ErrorSums NONE = new ErrorSums(0, 0, 0, 0, 0, 0);

    /**
     * Reads both tensors once, in step, in double precision.
     *
     * @throws Slim4jException when the shapes differ
     */
    public static ErrorSums of(INDArray approximation, INDArray reference) {
        if (!Arrays.equals(approximation.shape(), reference.shape())) {
            throw new Slim4jException("cannot measure the error of a tensor of shape " + Arrays.toString(approximation.shape())
                    + " against a reference of shape " + Arrays.toString(reference.shape()) + "; the shapes must be equal");
        }
        if (reference.isEmpty()) {
            return NONE;
        }
        INDArray x = approximation;
        INDArray ref = reference;
        if (!readableInStep(x, ref)) {
            x = x.castTo(DataType.FLOAT).dup('c');
            ref = ref.castTo(DataType.FLOAT).dup('c');
        }
        Accumulator sums = new Accumulator(ref.data().asNioFloat());
        FloatReader.forEachChunk(x, sums::add);
        // The NIO view does not keep ref's memory alive; ND4J frees it once ref is collected.
        Reference.reachabilityFence(ref);
        return sums.result(x.length());
    }

    /**
     * Whether the two tensors' values come in the same order when each is read straight from its
     * buffer, as {@link FloatReader} reads a dense float32 tensor: equal shapes and equal strides put
     * every element at the same offset in both.
     */
    private static boolean readableInStep(INDArray x, INDArray ref) {
        return x.dataType() == DataType.FLOAT && ref.dataType() == DataType.FLOAT
                && FloatReader.isDense(x) && FloatReader.isDense(ref) && Arrays.equals(x.stride(), ref.stride());
    }

    /** The sums over both sets of values together. */
    public ErrorSums plus(ErrorSums other) {
        return new ErrorSums(count + other.count, referenceSquares + other.referenceSquares,
                approximationSquares + other.approximationSquares, errorSquares + other.errorSquares, dot + other.dot,
                Math.max(maxAbsError, other.maxAbsError));
    }

    /** Mean squared error; 0 over no values. */
    public double mse() {
        return count == 0 ? 0 : errorSquares / count;
    }

    /** {@code 10 log10(Σref² / Σ(ref − x)²)}: positive infinity without error, negative infinity for a zero reference. */
    public double sqnrDb() {
        return errorSquares == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(referenceSquares / errorSquares);
    }

    /**
     * Cosine similarity: 1 without error (two zero tensors included), 0 when only one of the two is
     * zero, as PyTorch's {@code cosine_similarity} gives with its epsilon. The product of the two
     * sums of squares cannot overflow a double for float32 values, and {@code sqrt(s·s)} is exactly
     * {@code s}, so a negated tensor gives exactly -1; the clamp only absorbs rounding elsewhere.
     */
    public double cosine() {
        if (errorSquares == 0) {
            return 1;
        }
        if (referenceSquares == 0 || approximationSquares == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, dot / Math.sqrt(referenceSquares * approximationSquares)));
    }

    /** Running sums over the approximation's chunks, reading the reference's buffer alongside. */
    private static final class Accumulator {
        private final FloatBuffer reference;
        private float[] referenceChunk = new float[0];
        private double referenceSquares;
        private double approximationSquares;
        private double errorSquares;
        private double dot;
        private double maxAbsError;

        Accumulator(FloatBuffer reference) {
            this.reference = reference;
        }

        void add(float[] chunk, int length) {
            if (referenceChunk.length < length) {
                referenceChunk = new float[length];
            }
            reference.get(referenceChunk, 0, length);
            for (int i = 0; i < length; i++) {
                double x = chunk[i];
                double r = referenceChunk[i];
                double error = r - x;
                referenceSquares += r * r;
                approximationSquares += x * x;
                errorSquares += error * error;
                dot += r * x;
                maxAbsError = Math.max(maxAbsError, Math.abs(error));
            }
        }

        ErrorSums result(long count) {
            return new ErrorSums(count, referenceSquares, approximationSquares, errorSquares, dot, maxAbsError);
        }
    }
}
