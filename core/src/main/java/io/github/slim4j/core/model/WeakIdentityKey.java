package io.github.slim4j.core.model;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A map key that holds its object weakly and compares by identity, never by {@code equals}: an
 * INDArray's equality is by value, so two equal tensors would share state. Equal to another key of
 * the same object, and to itself once cleared, so a map can remove it when it comes back from its
 * queue.
 */
final class WeakIdentityKey<T> extends WeakReference<T> {
    private final int hash;

    /** @param queue where the key arrives once its object is collected; null for a key that only looks up */
    WeakIdentityKey(T referent, ReferenceQueue<T> queue) {
        super(referent, queue);
        this.hash = System.identityHashCode(referent);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        Object referent = get();
        return other instanceof WeakIdentityKey<?> key && referent != null && referent == key.get();
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
