package io.github.slim4j.magics.prune;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.TensorPruning;
import io.github.slim4j.core.stats.TensorStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Exact zeros per tensor, before and after a run that prunes in many steps (a schedule, a search),
 * as the rows of a {@link PruneTable}. Pruned entries are zeros, so this is the sparsity the
 * user will see in {@code %sparsity} and {@code %model}.
 */
final class ZeroCounts {

    private final Map<String, Long> zeros;

    private ZeroCounts(Map<String, Long> zeros) {
        this.zeros = zeros;
    }

    static ZeroCounts of(List<ParamTensor> tensors) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        List<TensorStats> stats = TensorStats.ofEach(tensors.stream().map(ParamTensor::values).toList());
        for (int i = 0; i < tensors.size(); i++) {
            zeros.put(tensors.get(i).qualifiedName(), stats.get(i).zeros());
        }
        return new ZeroCounts(zeros);
    }

    /** Rows from these counts (before) to the tensors' zeros now (after); no single threshold. */
    List<TensorPruning> to(List<ParamTensor> tensors) {
        ZeroCounts now = of(tensors);
        return tensors.stream()
                .map(tensor -> new TensorPruning(tensor.layer(), tensor.qualifiedName(), tensor.length(),
                        zeros.get(tensor.qualifiedName()), now.zeros.get(tensor.qualifiedName()), OptionalDouble.empty()))
                .toList();
    }
}
