package io.github.slim4j.core.quant;

/**
 * The clip ratio with the least squared quantization error over one slice's values: for each
 * candidate α the range {@code α·[min, max]} ({@code α·amax} on symmetric grids, whose scale reads
 * only the larger magnitude) gets the format's PyTorch parameters, and the error
 * {@code Σ (x − deq(q(x)))²} is measured over every value, clipping and rounding together.
 *
 * <p>The search is a fixed grid, α = 1, 0.995, 0.99, …, 0.3 (141 ratios): the error is not
 * convex in α (the rounding error jumps as grid points cross values), so a descent could stop in a
 * local dip. Ratios are tried from 1 down and only a strictly lower error replaces the best, so
 * ties keep the larger range and a slice where clipping does not help keeps min-max exactly; the
 * result never errs more than min-max.
 */
final class MseClipping {
    private static final int STEPS_PER_UNIT = 200;
    private static final int STEPS = 140;

    private MseClipping() {
    }

    /** The best ratio α in [0.3, 1] for the slice's values, whose extremes are min and max. */
    static float ratio(float[] values, float min, float max, IntegerFormat format) {
        float best = 1f;
        double least = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= STEPS; k++) {
            float alpha = (float) (1 - (double) k / STEPS_PER_UNIT);
            QParams qparams = format.qparams(alpha * min, alpha * max);
            double error = AffineGrid.squaredError(values, qparams.scales()[0], qparams.zeroPoints()[0], format.qmin(), format.qmax());
            if (error < least) {
                least = error;
                best = alpha;
            }
        }
        return best;
    }
}
