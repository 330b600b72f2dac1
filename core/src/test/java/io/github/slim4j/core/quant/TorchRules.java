package io.github.slim4j.core.quant;

/**
 * PyTorch's quantization rules written out one value at a time with {@link Math#rint}, sharing no
 * code with the kernels: what their vectorized loops must equal, bit for bit (refdata's
 * {@code conventions}).
 */
final class TorchRules {
    static final float EPS = 0x1p-23f;

    private TorchRules() {
    }

    /** {@code _calculate_qparams} for one range: {scale bits, zero point}. */
    static float scale(float min, float max, int qmin, int qmax, boolean symmetric) {
        float minNeg = Math.min(min, 0f);
        float maxPos = Math.max(max, 0f);
        float scale = symmetric ? Math.max(-minNeg, maxPos) / ((float) (qmax - qmin) / 2) : (maxPos - minNeg) / (float) (qmax - qmin);
        return Math.max(scale, EPS);
    }

    static int zeroPoint(float min, float scale, int qmin, int qmax, boolean symmetric, boolean signed) {
        if (symmetric) {
            return signed ? 0 : (qmin + qmax + 1) / 2;
        }
        int zeroPoint = qmin - (int) Math.rint(Math.min(min, 0f) / scale);
        return Math.max(qmin, Math.min(qmax, zeroPoint));
    }

    static int quantize(float x, float scale, int zeroPoint, int qmin, int qmax) {
        float inverse = 1.0f / scale;
        long q = zeroPoint + (long) Math.rint(x * inverse);
        return (int) Math.max(qmin, Math.min(qmax, q));
    }

    static float dequantize(int q, float scale, int zeroPoint) {
        return (float) (q - zeroPoint) * scale;
    }
}
