package io.github.slim4j.kernel.runtime;

import io.github.slim4j.magics.spi.Variable;

import java.util.HashMap;
import java.util.Map;

/**
 * Passes one object between kernel code and a JShell snippet, under a one-time token.
 *
 * <p>A snippet cannot return an object to the code that evaluated it through the basekernel API
 * ({@code BaseKernel.eval} gives back rendered output, not the value), and evaluating an
 * expression would pin the value forever in a JShell temporary variable. So a lookup evaluates
 * the statement {@code Handoff.put(token, name);} and then {@link #claim claims} the value, and a
 * definition {@link #offer offers} the value and evaluates {@code T name = (T) Handoff.take(token);}.
 * Both sides see this same class: in our kernel and in IJava the snippet's class loader delegates
 * to the one that loaded the registration code.
 */
public final class Handoff {

    // A plain map behind a lock, because a variable may hold null and ConcurrentHashMap cannot.
    private static final Map<String, Object> PARCELS = new HashMap<>();

    private Handoff() {
    }

    /** Called by a lookup snippet: leaves the variable's value under the token. */
    public static void put(String token, Object value) {
        synchronized (PARCELS) {
            PARCELS.put(token, value);
        }
    }

    /** Called by a definition snippet: removes and returns what {@link #offer} left. */
    public static Object take(String token) {
        synchronized (PARCELS) {
            if (!PARCELS.containsKey(token)) {
                throw new IllegalStateException("nothing was handed off under " + token);
            }
            return PARCELS.remove(token);
        }
    }

    /** Called by kernel code before evaluating a definition snippet. */
    public static void offer(String token, Object value) {
        put(token, value);
    }

    /** Called by kernel code after a lookup snippet: what it left, or absent when it left nothing. */
    public static Variable claim(String token) {
        synchronized (PARCELS) {
            return PARCELS.containsKey(token) ? Variable.of(PARCELS.remove(token)) : Variable.absent();
        }
    }
}
