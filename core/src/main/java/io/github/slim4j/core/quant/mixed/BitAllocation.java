package io.github.slim4j.core.quant.mixed;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.quant.error.TrialCopy;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Mixed precision under a budget: chooses a format for each selected tensor from the candidates
 * so that the average bits per weight stays within the budget, guided by each tensor's measured
 * sensitivity (the accuracy lost when it alone is quantized), and applies the choice in place.
 *
 * <h2>What is chosen</h2>
 * One format per selected layer: its selected tensors (the weights, unless the selection takes
 * every kind) share it, as a {@code LayerFormats} rule gives it. The average is
 * {@code Σ(parameters × format bits) / Σ parameters} over the selected tensors, codes only: scales
 * and zero points are not counted ({@link AllocationSpace}).
 *
 * <h2>The algorithm</h2>
 * <ol>
 * <li><b>Sensitivity.</b> The accuracy on the data with one layer alone quantized, for every layer
 *     and every candidate: what each layer can stand on its own, as Distiller's sensitivity analysis
 *     measures it for pruning. HAWQ estimates the same from the Hessian's spectrum instead; for the
 *     networks slim4j works with a pass over validation data is cheap, and measures the thing the
 *     budget trades against. Candidates of equal width become one rung per layer, the one that
 *     layer measured best with ({@link Ladders}).</li>
 * <li><b>Greedy descent.</b> From every layer at its widest format, while the average exceeds the
 *     budget, the one layer whose next narrower step costs the least estimated accuracy per bit
 *     saved steps down ({@link GreedyDescent}, which explains the rule). The estimate is the
 *     single-layer sensitivities; every assignment the descent passes through is then measured for
 *     real, so the path shows real accuracies.</li>
 * <li><b>Refinement.</b> First-improvement hill climbing from the descent's end: widen one layer
 *     one format, paid for by one step of another layer or by the descent's rule applied to the
 *     others, and move when the measured accuracy is strictly higher; at most
 *     {@value Allocator#REFINEMENT_EVALUATIONS} such measurements ({@link Refinement}, which says
 *     why the descent's end needs it).</li>
 * </ol>
 * With L layers and W widths among C candidates that is 1 + L·C measurements for the baseline and
 * the sensitivities, one per assignment of the descent (at most L·(W − 1) + 1), and at most
 * {@value Allocator#REFINEMENT_EVALUATIONS} more.
 *
 * <h2>The model</h2>
 * Every measurement happens on a {@link TrialCopy} of the model; the model itself is written once,
 * at the end, by one all-or-nothing {@link Quantizer} call with the chosen formats, from its float
 * weights as they came. So a failure anywhere (a format that cannot quantize a layer, data that does
 * not fit) leaves it exactly as it was. An interrupt stops the allocation between batches; the model
 * then gets the most accurate assignment within the budget measured so far (the descent's end is
 * measured before the steps leading to it, so once the descent is planned there is one), or stays
 * as it was when there is none, and the result says {@code complete == false}.
 */
public final class BitAllocation {
    private static final String TASK = "mixed precision";

    private BitAllocation() {
    }

    /**
     * @param candidates formats to choose from, any order
     * @param budget     the largest average bits per weight allowed
     * @param progress   one unit per evaluation, with details such as "hidden1 at int4: accuracy 83.1%"
     * @throws io.github.slim4j.core.Slim4jException when the budget is below the smallest candidate's bits,
     *     there is no candidate, the model is not a DL4J network, the selection is empty, or the data
     *     cannot rewind or has no examples; the model is then unchanged
     */
    public static AllocationResult allocate(ModelHandle model, List<WeightFormat> candidates, double budget, Selection selection,
                                            DataSetIterator data, ProgressListener progress) {
        WeightFormat narrowest = candidates.stream().min(Comparator.comparingInt(WeightFormat::bits))
                .orElseThrow(() -> new Slim4jException(TASK + " needs at least one candidate format, got none"));
        if (!(budget >= narrowest.bits())) {
            throw new Slim4jException("a budget of " + number(budget) + " bits per weight is below the narrowest candidate, "
                    + narrowest.name() + " at " + narrowest.bits() + " bits");
        }
        Network.of(model, TASK);
        AllocationSpace space = AllocationSpace.of(selection.apply(model), candidates, budget);
        BatchLoop.requireReset(data, TASK + " passes over the data at least " + (2 + space.units() * candidates.size()) + " times");
        TrialCopy trial = TrialCopy.of(model);
        Allocator.Outcome outcome = new Allocator(space, new TrialAccuracy(trial, space, selection, data), progress).run();
        outcome.best().ifPresent(best -> Quantizer.quantize(model, AssignmentSpec.of(space, best, selection)));
        return outcome.result();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : Double.toString(value);
    }
}
