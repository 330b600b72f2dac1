package io.github.slim4j.core.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * A DL4J training listener that holds state about the one network it is attached to, such as
 * pruning masks. {@link ModelHandle#deepCopy()} gives the copy a listener of its own from
 * {@link #copyFor}, so that changing the copy's state never changes the original's; DL4J's own
 * {@code clone()} would drop the listener (MultiLayerNetwork) or share it (ComputationGraph).
 */
public interface NetworkBoundListener extends TrainingListener {

    /** Whether this listener belongs to {@code network}. */
    boolean isBoundTo(Model network);

    /** A listener with a copy of this one's state, bound to {@code copy}, a clone of this listener's network. */
    NetworkBoundListener copyFor(Model copy);
}
