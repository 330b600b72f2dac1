package io.github.slim4j.core.model;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;

/** The training listeners of a DL4J network, and those a deep copy of it gets. */
public final class NetworkListeners {
    private NetworkListeners() {
    }

    /**
     * The network's own listener collection (DL4J's {@code Model} interface can set listeners but
     * not list them).
     *
     * @throws IllegalArgumentException for a model that is neither network type
     */
    public static Collection<TrainingListener> of(Model network) {
        Collection<TrainingListener> listeners;
        if (network instanceof MultiLayerNetwork multiLayer) {
            listeners = multiLayer.getListeners();
        } else if (network instanceof ComputationGraph graph) {
            listeners = graph.getListeners();
        } else {
            throw new IllegalArgumentException("not a DL4J network: " + network.getClass().getName());
        }
        return listeners == null ? List.of() : listeners;
    }

    /** The listener of this type among the network's listeners that is bound to the network. */
    public static <T extends NetworkBoundListener> Optional<T> bound(Model network, Class<T> type) {
        for (TrainingListener listener : of(network)) {
            if (type.isInstance(listener) && type.cast(listener).isBoundTo(network)) {
                return Optional.of(type.cast(listener));
            }
        }
        return Optional.empty();
    }

    /** Takes one listener off the network's listeners, keeping the others. */
    public static void remove(Model network, TrainingListener listener) {
        List<TrainingListener> others = new ArrayList<>(of(network));
        others.remove(listener);
        network.setListeners(others);
    }

    /**
     * Gives a cloned network its listeners: those DL4J's {@code clone()} left it, except listeners
     * bound to the original, plus a copy of each of those bound to the clone.
     */
    static void copyTo(Model original, Model copy) {
        List<TrainingListener> listeners = new ArrayList<>();
        for (TrainingListener listener : of(copy)) {
            if (!(listener instanceof NetworkBoundListener)) {
                listeners.add(listener);
            }
        }
        for (TrainingListener listener : of(original)) {
            if (listener instanceof NetworkBoundListener bound && bound.isBoundTo(original)) {
                listeners.add(bound.copyFor(copy));
            }
        }
        copy.setListeners(listeners);
    }

    /**
     * DL4J 1.0.0-M2.1's {@code ComputationGraph.clone()} hands the clone the original's own listener
     * collection, and {@code setListeners} on either clears that collection in place: the clone
     * needs a collection of its own before its listeners can change without changing the original's.
     * The field is private and no public call replaces it.
     */
    static void unshare(ComputationGraph clone) {
        try {
            Field field = ComputationGraph.class.getDeclaredField("trainingListeners");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            Collection<TrainingListener> shared = (Collection<TrainingListener>) field.get(clone);
            field.set(clone, shared == null ? new ArrayList<>() : new ArrayList<>(shared));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot give a cloned ComputationGraph listeners of its own: " + e, e);
        }
    }
}
