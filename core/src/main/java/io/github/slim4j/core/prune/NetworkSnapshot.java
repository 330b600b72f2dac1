package io.github.slim4j.core.prune;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.network.TrainingState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of everything pruning and fine-tuning change in a DL4J network: its weights, updater state
 * and counters ({@link TrainingState}) and its pruning masks. Gradual pruning keeps one for the start
 * and one for the last completed step; the sensitivity analysis and the search keep one for the
 * start and go back to it between the points they measure.
 */
public final class NetworkSnapshot {
    private final ModelHandle model;
    private final Network network;
    private final TrainingState training;
    private final Map<String, Mask> masks;

    private NetworkSnapshot(ModelHandle model, Network network) {
        this.model = model;
        this.network = network;
        this.training = network.save();
        this.masks = Masks.of(model);
    }

    /**
     * Takes a snapshot of the model's current state.
     *
     * @param task what needs the snapshot, for the message when the model is not a network, e.g.
     *     "gradual pruning"
     * @throws io.github.slim4j.core.Slim4jException when the model is not a DL4J network
     */
    public static NetworkSnapshot of(ModelHandle model, String task) {
        return new NetworkSnapshot(model, Network.of(model, task));
    }

    /**
     * Puts the network back exactly as it was: masks, then weights bit for bit (after the masks,
     * since putting a mask back zeroes its entries), updater state and counters.
     */
    public void restore() {
        Masks.restore(model, masks);
        network.restore(training);
    }

    /** The number of entries each mask prunes, by qualified tensor name; empty for an unpruned network. */
    public Map<String, Long> prunedCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        masks.forEach((name, mask) -> counts.put(name, mask.pruned()));
        return counts;
    }
}
