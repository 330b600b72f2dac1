package io.github.slim4j.core;

import io.github.slim4j.core.calib.inference.ActivationQuantization;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reference computations written out for tests, independent of the code they check. */
public final class ByHand {
    private ByHand() {
    }

    /**
     * PyTorch's {@code fake_quantize_per_tensor_affine} of one value, in float32 as PyTorch does it:
     * {@code q = clamp(zp + rint(x · (1/scale)), qmin, qmax)}, then {@code (q − zp) · scale}.
     */
    public static float fakeQuantized(float x, ActivationQuantization quantization) {
        float scale = quantization.scale();
        int zeroPoint = quantization.zeroPoint();
        double code = Math.max(quantization.format().qmin(), Math.min(quantization.format().qmax(), zeroPoint + Math.rint(x * (1.0f / scale))));
        return (float) (code - zeroPoint) * scale;
    }

    /** The raw bit patterns of a float tensor's values in C order, for checks that nothing changed. */
    public static int[] bits(INDArray values) {
        float[] floats = values.dup('c').data().asFloat();
        int[] bits = new int[floats.length];
        for (int i = 0; i < floats.length; i++) {
            bits[i] = Float.floatToRawIntBits(floats[i]);
        }
        return bits;
    }
}
