package io.github.slim4j.core.prune.search;

import io.github.slim4j.core.Slim4jException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tensors the search prunes, their sizes, and how far each may go. A tensor's floor is what its
 * mask already prunes when the search starts, since a prune only adds to the masks; its ceiling is
 * 99% of its entries (or the floor, if that is higher), since a weight tensor pruned whole cuts its
 * layer's output off and no accuracy measurement is needed to know that is bad.
 */
final class SearchSpace {
    static final double MAX_SPARSITY = 0.99;

    private final List<String> names;
    private final long[] sizes;
    private final long[] floors;
    private final long[] ceilings;

    /**
     * @param names qualified tensor names, in model order
     * @param sizes entries of each tensor, each at least 1
     * @param floors entries each tensor's mask prunes at the start
     */
    SearchSpace(List<String> names, long[] sizes, long[] floors) {
        this.names = List.copyOf(names);
        this.sizes = sizes.clone();
        this.floors = floors.clone();
        this.ceilings = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            ceilings[i] = Math.max(floors[i], (long) Math.floor(MAX_SPARSITY * sizes[i]));
        }
    }

    int tensors() {
        return sizes.length;
    }

    String name(int tensor) {
        return names.get(tensor);
    }

    /** Entries over all the tensors. */
    long entries() {
        return Arrays.stream(sizes).sum();
    }

    /** The model as it comes: every tensor at its floor. */
    Point asGiven() {
        return Point.of(floors);
    }

    double sparsity(Point point) {
        return (double) point.total() / entries();
    }

    /** Sparsity per tensor by qualified name, in model order. */
    Map<String, Double> sparsities(Point point) {
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            byName.put(names.get(i), (double) point.pruned(i) / sizes[i]);
        }
        return byName;
    }

    /**
     * The entries a step of {@code step} (a share of the tensor) moves, at least one: a step that
     * rounds to nothing on a small tensor would give back the point it started from.
     */
    private long stepEntries(int tensor, double step) {
        return Math.max(1, Math.round(step * sizes[tensor]));
    }

    /** The point with one tensor pruned {@code step} further, up to its ceiling; empty when it is there already. */
    Optional<Point> raised(Point point, int tensor, double step) {
        long[] pruned = point.toArray();
        pruned[tensor] = Math.min(ceilings[tensor], pruned[tensor] + stepEntries(tensor, step));
        return pruned[tensor] == point.pruned(tensor) ? Optional.empty() : Optional.of(Point.of(pruned));
    }

    /**
     * The point with one tensor's sparsity moved by {@code step} up ({@code direction} 1) or down
     * (-1), within its bounds, and the other tensors moved the other way in proportion to their sizes
     * ({@link WaterFill}), so the total stays the same. Empty when the tensor cannot move, or the
     * others cannot take up the difference within their bounds.
     */
    Optional<Point> shifted(Point point, int tensor, int direction, double step) {
        long[] pruned = point.toArray();
        long moved = Math.max(floors[tensor], Math.min(ceilings[tensor],
                pruned[tensor] + direction * stepEntries(tensor, step))) - pruned[tensor];
        if (moved == 0) {
            return Optional.empty();
        }
        pruned[tensor] += moved;
        int others = sizes.length - 1;
        long[] weights = new long[others];
        long[] none = new long[others];
        long[] room = new long[others];
        for (int i = 0, j = 0; i < sizes.length; i++) {
            if (i != tensor) {
                weights[j] = sizes[i];
                room[j++] = moved > 0 ? pruned[i] - floors[i] : ceilings[i] - pruned[i];
            }
        }
        long amount = Math.abs(moved);
        if (Arrays.stream(room).sum() < amount) {
            return Optional.empty();
        }
        long[] taken = WaterFill.split(amount, weights, none, room);
        for (int i = 0, j = 0; i < sizes.length; i++) {
            if (i != tensor) {
                pruned[i] -= Long.signum(moved) * taken[j++];
            }
        }
        return Optional.of(Point.of(pruned));
    }

    /**
     * The point with {@code total} entries pruned, spread as evenly as the bounds allow: every tensor
     * at the same sparsity, except those already pruned beyond it, which stay at their floor.
     */
    Point uniform(long total) {
        return Point.of(WaterFill.split(total, sizes, floors, ceilings));
    }

    /**
     * The entries pruned at the target sparsity, rounded as {@code Amount.Fraction} rounds.
     *
     * @throws Slim4jException when the target is below the sparsity the tensors already have, or
     *     above what their ceilings allow
     */
    long targetEntries(double sparsity) {
        long total = (long) Math.rint(sparsity * entries());
        long least = Arrays.stream(floors).sum();
        long most = Arrays.stream(ceilings).sum();
        if (total < least) {
            throw new Slim4jException(String.format(Locale.ROOT, "a target sparsity of %.1f%% is below the %.1f%% the "
                    + "selected tensors are already pruned to; the search only prunes further", 100 * sparsity,
                    100.0 * least / entries()));
        }
        if (total > most) {
            throw new Slim4jException(String.format(Locale.ROOT, "a target sparsity of %.1f%% is above %.1f%%, the most "
                    + "the search prunes the selected tensors to (%.0f%% of each)", 100 * sparsity,
                    100.0 * most / entries(), 100 * MAX_SPARSITY));
        }
        return total;
    }
}
