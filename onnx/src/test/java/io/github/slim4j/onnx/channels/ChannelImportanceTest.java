package io.github.slim4j.onnx.channels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.channels.ChannelChoice;
import io.github.slim4j.core.prune.channels.ChannelScope;
import io.github.slim4j.onnx.bench.MadeModels;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Choosing channels on a first convolution whose four output channels have L1 norms 2, 8, 4 and 6
 * (rows {1, 1}, {4, 4}, {2, −2}, {3, 3}) and L2 norms √2, √32, √8, √18, worked by hand.
 */
class ChannelImportanceTest {
    private static final float[] FIRST = {1, 1, 4, 4, 2, -2, 3, 3};

    private final ModelProto model = MadeModels.twoPointwiseConvolutions(FIRST);
    private final ChannelGraph graph = ChannelGraph.of(model, ValueShapes.of(model));

    @Test
    void theWeakestHalfGoesByL1AndByL2() {
        assertArrayEquals(new double[] {2, 8, 4, 6}, ChannelImportance.of(graph, 1).values().iterator().next(), 1e-12);
        assertArrayEquals(new int[] {1, 3}, onlyGroup(choose(1, new Amount.Fraction(0.5), ChannelScope.LAYER, 1)));
        assertArrayEquals(new int[] {1, 3}, onlyGroup(choose(2, new Amount.Fraction(0.5), ChannelScope.GLOBAL, 1)));
    }

    @Test
    void roundingPutsBackTheMostImportantRemovedChannels() {
        assertArrayEquals(new int[] {1, 2, 3}, onlyGroup(choose(1, new Amount.Fraction(0.5), ChannelScope.LAYER, 3)));
        assertTrue(choose(1, new Amount.Fraction(0.5), ChannelScope.LAYER, 8).isEmpty(),
                "fewer channels than the rounding keep them all");
    }

    @Test
    void everyGroupKeepsAChannel() {
        assertArrayEquals(new int[] {1}, onlyGroup(choose(1, new Amount.Fraction(1.0), ChannelScope.LAYER, 1)));
        assertArrayEquals(new int[] {1}, onlyGroup(choose(1, new Amount.Count(4), ChannelScope.GLOBAL, 1)));
    }

    private Map<Integer, int[]> choose(int norm, Amount amount, ChannelScope scope, int roundTo) {
        return ChannelChoice.choose(ChannelImportance.of(graph, norm), amount, scope, roundTo);
    }

    private static int[] onlyGroup(Map<Integer, int[]> kept) {
        assertEquals(1, kept.size(), "the output convolution's channels are the model's output");
        return kept.values().iterator().next();
    }
}
