package io.github.slim4j.onnx.bench;

import java.util.Arrays;

/**
 * Run times in milliseconds: the median, the 95th percentile and the mean. Percentiles interpolate
 * linearly between the sorted runs, as numpy's default does: the q-th lies at position q·(n − 1).
 */
public record Latencies(double p50, double p95, double mean) {

    public static Latencies of(long[] nanos) {
        double[] millis = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
        return new Latencies(percentile(millis, 0.50), percentile(millis, 0.95), Arrays.stream(millis).average().orElse(Double.NaN));
    }

    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
