package io.github.slim4j.core.model;

import java.lang.ref.ReferenceQueue;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The origins of imported graphs, by the graph's identity and held weakly, so a graph the notebook
 * drops takes its origin with it. Not a training listener, as masks are: DL4J's
 * {@code setListeners} would then drop a model's names with them.
 */
final class GraphOrigins {
    private static final Map<WeakIdentityKey<ComputationGraph>, GraphOrigin> ORIGINS = new HashMap<>();
    private static final ReferenceQueue<ComputationGraph> COLLECTED = new ReferenceQueue<>();

    private GraphOrigins() {
    }

    static synchronized Optional<GraphOrigin> get(ComputationGraph graph) {
        expunge();
        return Optional.ofNullable(ORIGINS.get(new WeakIdentityKey<>(graph, null)));
    }

    static synchronized void put(ComputationGraph graph, GraphOrigin origin) {
        expunge();
        ORIGINS.put(new WeakIdentityKey<>(graph, COLLECTED), origin);
    }

    private static void expunge() {
        for (Object gone = COLLECTED.poll(); gone != null; gone = COLLECTED.poll()) {
            ORIGINS.remove(gone);
        }
    }
}
