package io.github.slim4j.onnx.channels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channel spaces of a graph, joined by a union-find: channels that an element-wise operation
 * adds together (a residual Add) must be removed together, so their spaces become one group. A
 * space may be pinned, with the reason: its channels cannot go without changing the model's
 * interface or an operation slim4j does not rewrite.
 */
final class Spaces {
    private final List<Integer> parent = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<String> pinned = new ArrayList<>();

    SpaceRef.Base create(long size) {
        parent.add(parent.size());
        sizes.add(Math.toIntExact(size));
        pinned.add(null);
        return new SpaceRef.Base(parent.size() - 1);
    }

    int root(int id) {
        int root = id;
        while (parent.get(root) != root) {
            root = parent.get(root);
        }
        parent.set(id, root);
        return root;
    }

    /** Joins two spaces of the same size; a size mismatch pins both. */
    void join(SpaceRef.Base a, SpaceRef.Base b, String why) {
        int ra = root(a.id());
        int rb = root(b.id());
        if (ra == rb) {
            return;
        }
        if (!sizes.get(ra).equals(sizes.get(rb))) {
            pin(a, why);
            pin(b, why);
            return;
        }
        parent.set(rb, ra);
        if (pinned.get(ra) == null) {
            pinned.set(ra, pinned.get(rb));
        }
    }

    /** Pins every space the reference holds, keeping the first reason given. */
    void pin(SpaceRef ref, String why) {
        if (ref instanceof SpaceRef.Base base) {
            int root = root(base.id());
            if (pinned.get(root) == null) {
                pinned.set(root, why);
            }
        } else if (ref instanceof SpaceRef.Joined joined) {
            joined.parts().forEach(part -> pin(part, why));
        } else {
            pin(((SpaceRef.Expanded) ref).inner(), why);
        }
    }

    Optional<String> pinnedReason(int root) {
        return Optional.ofNullable(pinned.get(root(root)));
    }

    int size(int root) {
        return sizes.get(root(root));
    }

    long size(SpaceRef ref) {
        if (ref instanceof SpaceRef.Base base) {
            return size(base.id());
        }
        if (ref instanceof SpaceRef.Joined joined) {
            return joined.parts().stream().mapToLong(this::size).sum();
        }
        SpaceRef.Expanded expanded = (SpaceRef.Expanded) ref;
        return size(expanded.inner()) * expanded.factor();
    }

    /** The positions of the reference's axis that stay, when each root keeps the channels given (all, when absent). */
    int[] kept(SpaceRef ref, Map<Integer, int[]> keptByRoot) {
        if (ref instanceof SpaceRef.Base base) {
            return keptByRoot.getOrDefault(root(base.id()), all(size(base.id())));
        }
        if (ref instanceof SpaceRef.Joined joined) {
            List<int[]> parts = new ArrayList<>();
            int offset = 0;
            for (SpaceRef part : joined.parts()) {
                int shift = offset;
                parts.add(Arrays.stream(kept(part, keptByRoot)).map(i -> i + shift).toArray());
                offset += Math.toIntExact(size(part));
            }
            return parts.stream().flatMapToInt(Arrays::stream).toArray();
        }
        SpaceRef.Expanded expanded = (SpaceRef.Expanded) ref;
        int factor = Math.toIntExact(expanded.factor());
        int[] inner = kept(expanded.inner(), keptByRoot);
        int[] positions = new int[inner.length * factor];
        for (int i = 0; i < inner.length; i++) {
            for (int j = 0; j < factor; j++) {
                positions[i * factor + j] = inner[i] * factor + j;
            }
        }
        return positions;
    }

    private static int[] all(int size) {
        int[] all = new int[size];
        Arrays.setAll(all, i -> i);
        return all;
    }
}
