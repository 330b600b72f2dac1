package io.github.slim4j.core.quant.error;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.github.slim4j.core.TestNetworks;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Selection;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class TrialCopyTest {

    @Test
    void theCopyIsMeasuredAgainstTheModelAndResetFromItWhileTheModelStaysAsItWas() {
        MultiLayerNetwork net = TestNetworks.mlp();
        float[] before = net.params().toFloatVector();
        TrialCopy trial = TrialCopy.of(ModelHandle.of(net));
        MultiLayerNetwork copy = (MultiLayerNetwork) trial.copy().unwrap();
        assertNotSame(net, copy);

        copy.getParam("0_W").assign(0);
        copy.getParam("1_b").addi(1);
        ErrorSums weights = trial.error(Selection.weights());
        assertEquals(784 * 32 + 32 * 10, weights.count());
        assertEquals(net.getParam("0_W").norm2Number().doubleValue() * net.getParam("0_W").norm2Number().doubleValue(),
                weights.errorSquares(), 1e-3);
        assertArrayEquals(before, net.params().toFloatVector());

        trial.reset();
        assertArrayEquals(before, copy.params().toFloatVector());
        assertEquals(0, trial.error(Selection.weights()).errorSquares());
    }
}
