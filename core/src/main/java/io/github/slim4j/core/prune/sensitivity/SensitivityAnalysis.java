package io.github.slim4j.core.prune.sensitivity;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.prune.NetworkSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * How much each layer alone can be pruned, as Distiller's sensitivity analysis: for every selected
 * tensor and every sparsity level, prune that tensor alone, measure accuracy and loss on the data,
 * and put it back. The model ends as it started, also after an interrupt.
 *
 * <p>Each tensor is measured with every other tensor as it was, so the curves show where a layer
 * breaks on its own; they do not add up (pruning two layers at once usually costs more than the sum
 * of their separate losses), which is why they guide a per-layer choice rather than fix it.
 *
 * <p>Between points the network goes back to its starting state ({@link NetworkSnapshot}): the
 * pruned tensor's values and mask, bit for bit. A level below what a tensor is already pruned to
 * measures the tensor as it is, since a prune only adds to the masks.
 */
public final class SensitivityAnalysis {
    private static final String TASK = "sensitivity analysis";

    private SensitivityAnalysis() {
    }

    /**
     * @param levels sparsities from 0 to 1, in the order to try them
     * @param progress one unit per evaluation, the baseline first, with details such as
     *     "hidden_W at 70%: accuracy 81.2%"
     * @throws Slim4jException when there is no level or a level is outside 0 to 1, the model is not a
     *     DL4J network, the selection is empty, the data has no examples, or it cannot rewind
     */
    public static SensitivityResult run(ModelHandle model, DataSetIterator data, List<Double> levels, Selection selection,
                                        Criterion criterion, ProgressListener progress) {
        List<Amount> amounts = amounts(levels);
        NetworkSnapshot start = NetworkSnapshot.of(model, TASK);
        List<ParamTensor> tensors = selection.apply(model);
        long total = 1 + (long) tensors.size() * levels.size();
        BatchLoop.requireReset(data, TASK + " passes over the data " + total + " times");

        EvaluationResult baseline = ModelEvaluator.evaluate(model, data, ProgressListener.NONE);
        if (!baseline.complete()) {
            return new SensitivityResult(Double.NaN, List.of(), false);
        }
        progress.progress(1, total, "baseline: accuracy " + accuracy(baseline));
        List<SensitivityPoint> points = new ArrayList<>();
        for (ParamTensor tensor : tensors) {
            for (int i = 0; i < levels.size(); i++) {
                EvaluationResult measured = measure(model, data, tensor, amounts.get(i), criterion, start);
                if (!measured.complete()) {
                    return new SensitivityResult(baseline.accuracy(), points, false);
                }
                double level = levels.get(i);
                points.add(new SensitivityPoint(tensor.layer(), tensor.qualifiedName(), level, measured.accuracy(),
                        measured.loss()));
                progress.progress(1 + points.size(), total, tensor.qualifiedName() + " at " + percent(level)
                        + ": accuracy " + accuracy(measured));
            }
        }
        return new SensitivityResult(baseline.accuracy(), points, true);
    }

    /** Prunes the tensor alone, evaluates, and puts the network back, also when the evaluation fails. */
    private static EvaluationResult measure(ModelHandle model, DataSetIterator data, ParamTensor tensor, Amount amount,
                                            Criterion criterion, NetworkSnapshot start) {
        try {
            Pruner.prune(model, Map.of(tensor.qualifiedName(), amount), criterion);
            return ModelEvaluator.evaluate(model, data, ProgressListener.NONE);
        } finally {
            start.restore();
        }
    }

    /** Checks every level before anything is measured, so a bad one fails at once. */
    private static List<Amount> amounts(List<Double> levels) {
        if (levels.isEmpty()) {
            throw new Slim4jException("sensitivity analysis needs at least one sparsity level, got none");
        }
        List<Amount> amounts = new ArrayList<>();
        for (Double level : levels) {
            if (level == null || !(level >= 0 && level <= 1)) {
                throw new Slim4jException("a sensitivity level must be a sparsity from 0 to 1, got " + level);
            }
            amounts.add(new Amount.Fraction(level));
        }
        return amounts;
    }

    private static String accuracy(EvaluationResult result) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * result.accuracy());
    }

    /** A level as the user gave it: 0.7 as "70%", 0.125 as "12.5%". */
    private static String percent(double fraction) {
        return BigDecimal.valueOf(100 * fraction).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()
                + "%";
    }
}
