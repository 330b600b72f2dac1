package io.github.slim4j.onnx;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The raw float32 bits of an array in C order: "identical" means these are equal, not ND4J's equals within 1e-5. */
public final class FloatBitsOf {

    private FloatBitsOf() {
    }

    public static int[] of(INDArray values) {
        float[] floats = values.dup('c').data().asFloat();
        int[] bits = new int[floats.length];
        for (int i = 0; i < floats.length; i++) {
            bits[i] = Float.floatToRawIntBits(floats[i]);
        }
        return bits;
    }
}
