package io.github.slim4j.core.calib.equalize;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.WeightAxes;
import org.deeplearning4j.nn.api.Layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-layer equalization (Nagel et al. 2019, "Data-Free Quantization Through Weight Equalization
 * and Bias Correction", section 4.1): for two consecutive layers joined by positive homogeneous
 * activations ({@link EqualizationPairs}), output channel i of the first layer is divided by
 * {@code s_i} (weights and bias) and input channel i of the second is multiplied by it, with
 *
 * <pre>  s_i = √(r1_i / r2_i)</pre>
 *
 * where {@code r1_i} is the largest |w| of the first layer's output channel i and {@code r2_i}
 * that of the second layer's input channel i. Both channels then have the range √(r1_i · r2_i),
 * so a per-tensor grid no longer spends its levels on a few wide channels while narrow ones round
 * to zero. The network computes the same function up to float rounding, since
 * {@code f(x / s) = f(x) / s}.
 *
 * <p>A layer between two pairs is rescaled by both, so the passes repeat until every factor of a
 * pass is within {@value #SETTLED} of 1, at most {@value #MAX_ROUNDS} times. A channel with a zero
 * range on either side keeps factor 1. Everything is computed on copies and written at the end.
 */
public final class CrossLayerEqualization {
    static final double SETTLED = 1e-4;
    static final int MAX_ROUNDS = 50;

    private CrossLayerEqualization() {
    }

    /**
     * Equalizes every pair the network has, in place; a network without pairs is left as it is.
     *
     * @throws Slim4jException when the model is not a DL4J network
     */
    public static EqualizationReport equalize(ModelHandle model) {
        EqualizationPairs found = EqualizationPairs.of(model);
        // By the live layer: a layer between two pairs shares its copies with both.
        Map<Layer, ChannelTensor> weights = new IdentityHashMap<>();
        Map<Layer, ChannelTensor> biases = new IdentityHashMap<>();
        List<PairState> states = new ArrayList<>();
        for (EqualizationPairs.Pair pair : found.pairs()) {
            ChannelTensor first = weights.computeIfAbsent(pair.first(), layer -> new ChannelTensor(layer.getParam("W")));
            ChannelTensor second = weights.computeIfAbsent(pair.second(), layer -> new ChannelTensor(layer.getParam("W")));
            ChannelTensor bias = pair.first().paramTable().containsKey("b")
                    ? biases.computeIfAbsent(pair.first(), layer -> new ChannelTensor(layer.getParam("b")))
                    : null;
            states.add(new PairState(pair, first, second, bias));
        }
        int rounds = 0;
        double deviation = Double.POSITIVE_INFINITY;
        while (!states.isEmpty() && deviation > SETTLED && rounds < MAX_ROUNDS) {
            deviation = 0;
            for (PairState state : states) {
                deviation = Math.max(deviation, state.equalizeOnce());
            }
            rounds++;
        }
        weights.values().forEach(ChannelTensor::write);
        biases.values().forEach(ChannelTensor::write);
        return new EqualizationReport(states.stream().map(PairState::report).toList(), found.skipped(), rounds);
    }

    /** One pair's tensors and the product of the factors applied to each channel so far. */
    private static final class PairState {
        private final EqualizationPairs.Pair pair;
        private final ChannelTensor first;
        private final ChannelTensor second;
        private final ChannelTensor bias;
        private final WeightAxes axes;
        private final double spreadBefore;
        private final double[] totalFactors;

        PairState(EqualizationPairs.Pair pair, ChannelTensor first, ChannelTensor second, ChannelTensor bias) {
            this.pair = pair;
            this.first = first;
            this.second = second;
            this.bias = bias;
            // Both layers are of one kind. DL4J lays dense weights out [nIn, nOut], convolution weights [nOut, nIn, kH, kW].
            this.axes = pair.convolution() ? new WeightAxes(1, 0) : new WeightAxes(0, 1);
            this.spreadBefore = spread(first.ranges(axes.output()));
            this.totalFactors = new double[first.ranges(axes.output()).length];
            Arrays.fill(totalFactors, 1.0);
        }

        /** Applies one round of factors; returns the largest |s − 1| of the round. */
        double equalizeOnce() {
            float[] outputRanges = first.ranges(axes.output());
            float[] inputRanges = second.ranges(axes.input());
            float[] factors = new float[outputRanges.length];
            float[] inverse = new float[outputRanges.length];
            double deviation = 0;
            for (int c = 0; c < factors.length; c++) {
                boolean scalable = outputRanges[c] > 0 && inputRanges[c] > 0;
                factors[c] = scalable ? (float) Math.sqrt((double) outputRanges[c] / inputRanges[c]) : 1f;
                inverse[c] = 1f / factors[c];
                totalFactors[c] *= factors[c];
                deviation = Math.max(deviation, Math.abs(factors[c] - 1.0));
            }
            first.scale(axes.output(), inverse);
            if (bias != null) {
                bias.scale(bias.rank() - 1, inverse);
            }
            second.scale(axes.input(), factors);
            return deviation;
        }

        EqualizedPair report() {
            return new EqualizedPair(pair.firstName(), pair.secondName(), totalFactors.length, spreadBefore,
                    spread(first.ranges(axes.output())),
                    Arrays.stream(totalFactors).min().orElse(1), Arrays.stream(totalFactors).max().orElse(1));
        }

        /** The largest non-zero range over the smallest. */
        private static double spread(float[] ranges) {
            double largest = 0;
            double smallest = Double.POSITIVE_INFINITY;
            for (float range : ranges) {
                if (range > 0) {
                    largest = Math.max(largest, range);
                    smallest = Math.min(smallest, range);
                }
            }
            return largest == 0 ? 1 : largest / smallest;
        }
    }
}
