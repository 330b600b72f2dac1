package io.github.slim4j.core.prune;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.tensor.FloatReader;
import org.deeplearning4j.nn.api.Model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prunes a model in place: computes masks with a {@link Criterion}, composes them with the masks
 * the model already has ({@link Masks}), zeroes the masked entries, and for DL4J networks keeps a
 * listener that zeroes them again after every training update.
 *
 * <p>All or nothing: every tensor's mask is computed and every request checked before any entry
 * changes, so a failed prune leaves the model as it was.
 *
 * <p>Choices where PyTorch leaves one open or differs:
 * <ul>
 *   <li>Ties: of equal |w| the entry stored first is pruned first (global scope: the tensor first in
 *       model order first); of equal channel norms the lower channel index; in an N:M group the
 *       entry stored first is kept. Storage order is the order of the buffer (for a strided view,
 *       of its {@code dup()}).</li>
 *   <li>NaN weights count as the largest magnitude: they are kept unless the amount prunes every
 *       entry, and a channel holding one has a NaN norm, ranked the same way.</li>
 *   <li>A strided view (possible in tensor maps; DL4J's parameters never are) is copied, pruned
 *       and assigned back.</li>
 *   <li>Random pruning draws from {@link java.util.SplittableRandom}: seeded, repeatable, and not
 *       PyTorch's generator, whose choice it cannot reproduce.</li>
 *   <li>Tensor models hold no mask: all their entries are candidates (zeros rank first by
 *       magnitude), and the report counts their exact zeros as their pruned entries.</li>
 *   <li>Tensors of any numeric dtype are ranked at float precision.</li>
 * </ul>
 */
public final class Pruner {

    private Pruner() {
    }

    /** One prune over the spec's selection. */
    public static PruneReport prune(ModelHandle model, PruneSpec spec) {
        List<Target> targets = Target.all(model, spec.selection().apply(model));
        return write(model, MaskPlanner.of(spec.criterion()).plan(targets, spec.amount(), spec.scope()));
    }

    /**
     * Prunes each named tensor to its own amount, layer scope: how the schedule, the sensitivity
     * analysis and the search set per-layer sparsities.
     *
     * @param amounts by {@code ParamTensor.qualifiedName()}; tensors not named are left alone
     */
    public static PruneReport prune(ModelHandle model, Map<String, Amount> amounts, Criterion criterion) {
        List<ParamTensor> all = model.parameters();
        List<String> names = all.stream().map(ParamTensor::qualifiedName).toList();
        for (String name : amounts.keySet()) {
            if (!names.contains(name)) {
                throw new Slim4jException("the model has no tensor named '" + name + "'; tensors are " + String.join(", ", names));
            }
        }
        List<Target> targets = Target.all(model, all.stream().filter(t -> amounts.containsKey(t.qualifiedName())).toList());
        MaskPlanner planner = MaskPlanner.of(criterion);
        List<TensorPlan> plans = new ArrayList<>(targets.size());
        for (Target target : targets) {
            plans.addAll(planner.plan(List.of(target), amounts.get(target.name()), Scope.LAYER));
        }
        return write(model, plans);
    }

    /** The writing half, once every plan is made: zeroes, keeps a network's masks in its listener, reports. */
    private static PruneReport write(ModelHandle model, List<TensorPlan> plans) {
        if (model.isNetwork()) {
            Map<String, Mask> masks = new LinkedHashMap<>();
            plans.forEach(plan -> masks.put(plan.target().name(), plan.after()));
            MaskEnforcer.attach((Model) model.unwrap()).put(masks);
        } else {
            // Dense tensors on all cores: tensors of a map may share a buffer, and zeroing one only
            // ever stores zeros. A strided view is copied, zeroed and assigned back, which would undo
            // zeros stored meanwhile, so those go after, in turn. Either way every zero lands, as
            // zeroing the tensors in turn leaves them.
            plans.parallelStream().filter(Pruner::dense).forEach(plan -> plan.after().zeroPruned(plan.target().tensor().values()));
            plans.stream().filter(plan -> !dense(plan)).forEach(plan -> plan.after().zeroPruned(plan.target().tensor().values()));
        }
        return new PruneReport(plans.parallelStream().map(plan -> {
            Target target = plan.target();
            long prunedAfter = model.isNetwork() ? plan.after().pruned() : Zeros.count(target.tensor().values());
            return new TensorPruning(target.tensor().layer(), target.name(), target.length(), target.prunedBefore(),
                    prunedAfter, plan.threshold());
        }).toList());
    }

    private static boolean dense(TensorPlan plan) {
        return FloatReader.isDense(plan.target().tensor().values());
    }
}
