package io.github.slim4j.core.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.schedule.TrainedMlp;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.train.Trainer;
import java.util.BitSet;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class NetworkSnapshotTest {

    @Test
    void restoreUndoesPruningAndTrainingBitForBit() {
        MultiLayerNetwork net = TrainedMlp.copy();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, Map.of("hidden1_W", new Amount.Fraction(0.5)), new Criterion.Magnitude());
        TrainedMlp.State before = TrainedMlp.State.of(net);
        NetworkSnapshot snapshot = NetworkSnapshot.of(model, "test");

        Pruner.prune(model, Map.of("hidden1_W", new Amount.Fraction(0.8), "out_W", new Amount.Fraction(0.3)),
                new Criterion.Magnitude());
        Trainer.fit(model, TrainedMlp.train(), 1, ProgressListener.NONE);
        assertNotEquals(before.masks(), TrainedMlp.masks(model));
        snapshot.restore();

        before.assertSameAs(TrainedMlp.State.of(net));
        assertEquals(Map.of("hidden1_W", 784L * 64 / 2), snapshot.prunedCounts());
    }

    @Test
    void restoreOfAnUnprunedNetworkLeavesItWithoutMasks() {
        MultiLayerNetwork net = TrainedMlp.copy();
        ModelHandle model = ModelHandle.of(net);
        TrainedMlp.State before = TrainedMlp.State.of(net);
        NetworkSnapshot snapshot = NetworkSnapshot.of(model, "test");
        Pruner.prune(model, Map.of("hidden2_W", new Amount.Fraction(0.6)), new Criterion.Magnitude());

        snapshot.restore();

        assertTrue(Masks.of(model).isEmpty());
        before.assertSameAs(TrainedMlp.State.of(net));
    }

    /** A zero the mask keeps ties with the pruned zeros on magnitude; the restore must not prune it. */
    @Test
    void keptZerosStayKept() {
        MultiLayerNetwork net = TrainedMlp.copy();
        ModelHandle model = ModelHandle.of(net);
        Pruner.prune(model, Map.of("hidden2_W", new Amount.Fraction(0.4)), new Criterion.Magnitude());
        INDArray weights = weights(model, "hidden2_W");
        BitSet pruned = TrainedMlp.masks(model).get("hidden2_W");
        int firstKept = pruned.nextClearBit(0);
        weights.putScalar(TrainedMlp.position(weights, firstKept), 0);
        TrainedMlp.State before = TrainedMlp.State.of(net);
        NetworkSnapshot snapshot = NetworkSnapshot.of(model, "test");

        Pruner.prune(model, Map.of("hidden2_W", new Amount.Fraction(0.9)), new Criterion.Magnitude());
        snapshot.restore();

        before.assertSameAs(TrainedMlp.State.of(net));
        assertTrue(!TrainedMlp.masks(model).get("hidden2_W").get(firstKept));
    }

    private static INDArray weights(ModelHandle model, String name) {
        return model.parameters().stream().filter(p -> p.qualifiedName().equals(name)).findFirst()
                .map(ParamTensor::values).orElseThrow();
    }
}
