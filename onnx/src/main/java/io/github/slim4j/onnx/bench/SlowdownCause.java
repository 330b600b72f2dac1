package io.github.slim4j.onnx.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A reason, read from ONNX Runtime's profile, why a compressed model is not faster than the
 * baseline. Each rule fires only on its own evidence and says it in a sentence that cites the ops
 * and their share of the run time.
 */
public sealed interface SlowdownCause permits DenseZeros, UnfusedQdq, QdqOverhead, LayoutChanges, SignedActivations, SlowIntegerKernels,
        MemoryBound, UnchangedLayers, ThreadScaling {

    /** Every rule, in the order their sentences are shown. */
    List<SlowdownCause> ALL = List.of(new DenseZeros(), new SlowIntegerKernels(), new UnfusedQdq(), new QdqOverhead(), new SignedActivations(),
            new LayoutChanges(), new UnchangedLayers(), new ThreadScaling(), new MemoryBound());

    /** The rule's sentence for the candidate against the baseline, when its evidence is there. */
    Optional<String> explain(Measurement baseline, Measurement candidate);

    /** Every rule's sentence that applies. */
    static List<String> explainAll(Measurement baseline, Measurement candidate) {
        List<String> reasons = new ArrayList<>();
        ALL.forEach(cause -> cause.explain(baseline, candidate).ifPresent(reasons::add));
        return List.copyOf(reasons);
    }

    /** "Conv ×2, Gemm" style: the operators of the matching nodes, by time, with their counts. */
    static String opsByTime(Measurement measurement, Predicate<ProfiledNode> which) {
        Map<String, double[]> byOp = new LinkedHashMap<>();
        measurement.profile().nodes().stream().filter(which)
                .forEach(node -> {
                    double[] timeAndCount = byOp.computeIfAbsent(node.op(), ignored -> new double[2]);
                    timeAndCount[0] += node.micros();
                    timeAndCount[1]++;
                });
        return byOp.entrySet().stream().sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0]))
                .map(e -> e.getKey() + (e.getValue()[1] > 1 ? " ×" + (int) e.getValue()[1] : ""))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    static String percent(double share) {
        return String.format("%.0f %%", 100 * share);
    }

    static String millis(double micros) {
        return String.format("%.2f ms", micros / 1000);
    }

    static Predicate<ProfiledNode> ofOps(Set<String> ops) {
        return node -> ops.contains(node.op());
    }
}
