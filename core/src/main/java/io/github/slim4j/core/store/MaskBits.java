package io.github.slim4j.core.store;

import io.github.slim4j.core.prune.Mask;
import io.github.slim4j.core.tensor.FloatArrays;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Masks between the order slim4j keeps them in (the tensor's storage order, which for DL4J's
 * weights is Fortran order) and the C order of the file.
 */
final class MaskBits {

    private MaskBits() {
    }

    /** Whether the mask keeps exactly the non-zero entries of {@code values} (−0 counts as zero). */
    static boolean isNonZeros(Mask mask, INDArray values) {
        double[] stored = values.dup(values.ordering()).data().asDouble();
        for (int i = 0; i < stored.length; i++) {
            if (mask.isKept(i) != (stored[i] != 0)) {
                return false;
            }
        }
        return true;
    }

    /** The mask that keeps the non-zero entries of {@code values}. */
    static Mask nonZeros(INDArray values) {
        return keepingNonZeros(values.dup(values.ordering()).data().asDouble());
    }

    /** Which entries the mask keeps, in C order. */
    static boolean[] keptInCOrder(Mask mask, INDArray values) {
        INDArray kept = Nd4j.create(DataType.FLOAT, values.shape(), values.ordering());
        FloatBuffer memory = FloatArrays.memory(kept);
        for (int i = 0; i < values.length(); i++) {
            memory.put(i, mask.isKept(i) ? 1 : 0);
        }
        float[] inC = kept.dup('c').data().asFloat();
        boolean[] keep = new boolean[inC.length];
        for (int i = 0; i < inC.length; i++) {
            keep[i] = inC[i] != 0;
        }
        return keep;
    }

    /** The mask of a tensor like {@code values} that keeps these C-order entries. */
    static Mask fromCOrder(boolean[] keep, INDArray values) {
        float[] marks = new float[keep.length];
        for (int i = 0; i < keep.length; i++) {
            marks[i] = keep[i] ? 1 : 0;
        }
        return keepingNonZeros(FloatArrays.create(marks, values.shape()).dup(values.ordering()).data().asDouble());
    }

    /** The mask keeping the entries that are not zero, in the order given (storage order). */
    private static Mask keepingNonZeros(double[] stored) {
        long[] words = new long[(stored.length + Long.SIZE - 1) / Long.SIZE];
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] != 0) {
                words[i >>> 6] |= 1L << i;
            }
        }
        return Mask.ofKeptBits(words, stored.length);
    }
}
