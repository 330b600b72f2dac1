package io.github.slim4j.onnx;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How far one output is from a reference output, computed in double over the raw values. */
final class Difference {
    private Difference() {
    }

    /** max |actual − expected| / max |expected|: the error relative to the output's own scale. */
    static double relative(INDArray actual, INDArray expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new AssertionError("shape " + Arrays.toString(actual.shape()) + " where the reference has "
                    + Arrays.toString(expected.shape()));
        }
        float[] a = actual.dup('c').data().asFloat();
        float[] e = expected.dup('c').data().asFloat();
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs((double) a[i] - e[i]));
            scale = Math.max(scale, Math.abs((double) e[i]));
        }
        return worst / scale;
    }
}
