package io.github.slim4j.core.model;

import java.lang.ref.ReferenceQueue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * State kept about single tensors of named-tensor and single-tensor models, which have no listener
 * to hold it: the counterpart of {@link NetworkBoundListener} for models that are not networks.
 * Keyed by the tensor's identity, never by {@code equals} (INDArray equality is by value, so two
 * equal tensors would share state), and held weakly, so a tensor the notebook drops takes its state
 * with it. {@link ModelHandle#deepCopy()} gives each copied tensor the state of its original, in
 * every instance: values must be immutable, as they are then shared.
 *
 * @param <T> the state, immutable
 */
public final class TensorBound<T> {
    private static final List<TensorBound<?>> INSTANCES = new CopyOnWriteArrayList<>();

    private final Map<WeakIdentityKey<INDArray>, T> values = new HashMap<>();
    private final ReferenceQueue<INDArray> collected = new ReferenceQueue<>();

    private TensorBound() {
    }

    /** A new kind of state; keep it in a static field, as every instance lives as long as the class loader. */
    public static <T> TensorBound<T> create() {
        TensorBound<T> bound = new TensorBound<>();
        INSTANCES.add(bound);
        return bound;
    }

    public synchronized Optional<T> get(INDArray tensor) {
        expunge();
        return Optional.ofNullable(values.get(new WeakIdentityKey<>(tensor, null)));
    }

    public synchronized void put(INDArray tensor, T value) {
        expunge();
        values.put(new WeakIdentityKey<>(tensor, collected), value);
    }

    public synchronized void remove(INDArray tensor) {
        expunge();
        values.remove(new WeakIdentityKey<>(tensor, null));
    }

    /** Gives {@code copy} the state {@code original} has, in every instance. */
    static void copyAll(INDArray original, INDArray copy) {
        for (TensorBound<?> bound : INSTANCES) {
            bound.copy(original, copy);
        }
    }

    private void copy(INDArray original, INDArray copy) {
        get(original).ifPresent(value -> put(copy, value));
    }

    private void expunge() {
        for (Object gone = collected.poll(); gone != null; gone = collected.poll()) {
            values.remove(gone);
        }
    }
}
