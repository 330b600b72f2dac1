package io.github.slim4j.benchmarks;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * A tensor that an in-place benchmark changes, put back to its first values before each call
 * (outside the timing), so that every call does the same work. A subclass is the benchmark's
 * {@code @State} and calls {@link #keep} from its own {@code @Setup}.
 */
public abstract class PristineTensor {
    INDArray tensor;
    private INDArray pristine;

    /** Keeps {@code values} as the first values; the benchmark works on a copy, {@link #tensor}. */
    protected void keep(INDArray values) {
        pristine = values;
        tensor = pristine.dup();
    }

    @Setup(Level.Invocation)
    public void restore() {
        tensor.assign(pristine);
    }
}
