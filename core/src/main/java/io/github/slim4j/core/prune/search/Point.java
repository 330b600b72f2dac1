package io.github.slim4j.core.prune.search;

import java.util.Arrays;
import java.util.List;

/**
 * A point of the search: how many entries of each tensor are pruned, in the order of the
 * {@link SearchSpace}'s tensors. Whole counts rather than sparsities, so that two routes to the same
 * pruning are the same point (the cache relies on it) and a target sparsity is met to the entry.
 */
record Point(List<Long> pruned) {

    Point {
        pruned = List.copyOf(pruned);
    }

    static Point of(long[] pruned) {
        return new Point(Arrays.stream(pruned).boxed().toList());
    }

    long pruned(int tensor) {
        return pruned.get(tensor);
    }

    long total() {
        return pruned.stream().mapToLong(Long::longValue).sum();
    }

    long[] toArray() {
        return pruned.stream().mapToLong(Long::longValue).toArray();
    }
}
