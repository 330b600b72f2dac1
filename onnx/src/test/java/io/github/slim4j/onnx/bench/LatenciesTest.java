package io.github.slim4j.onnx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    /** numpy.percentile([1..10], [50, 95]) = [5.5, 9.55]: positions 4.5 and 8.55 of the sorted runs. */
    @Test
    void percentilesInterpolateAsNumpyDoes() {
        long[] nanos = {10_000_000, 1_000_000, 9_000_000, 2_000_000, 8_000_000, 3_000_000, 7_000_000, 4_000_000, 6_000_000, 5_000_000};
        Latencies latencies = Latencies.of(nanos);
        assertEquals(5.5, latencies.p50(), 1e-12);
        assertEquals(9.55, latencies.p95(), 1e-12);
        assertEquals(5.5, latencies.mean(), 1e-12);
    }

    @Test
    void twoRunsGiveTheirMidpointAndNearlyTheSlower() {
        Latencies latencies = Latencies.of(new long[] {4_000_000, 2_000_000});
        assertEquals(3.0, latencies.p50(), 1e-12);
        assertEquals(3.9, latencies.p95(), 1e-12);
    }
}
