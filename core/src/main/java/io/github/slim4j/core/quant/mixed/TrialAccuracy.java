package io.github.slim4j.core.quant.mixed;

import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.error.TrialCopy;
import java.util.OptionalDouble;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Measures assignments on a copy of the network: the copy is reset to the model's weights, the
 * assignment quantized into it, and it is evaluated, so the order of measurements does not matter.
 */
final class TrialAccuracy implements AssignmentAccuracy {
    private final TrialCopy trial;
    private final AllocationSpace space;
    private final Selection selection;
    private final DataSetIterator data;

    TrialAccuracy(TrialCopy trial, AllocationSpace space, Selection selection, DataSetIterator data) {
        this.trial = trial;
        this.space = space;
        this.selection = selection;
        this.data = data;
    }

    @Override
    public OptionalDouble at(Assignment assignment) {
        trial.reset();
        if (assignment.quantizesAny()) {
            Quantizer.quantize(trial.copy(), AssignmentSpec.of(space, assignment, selection));
        }
        EvaluationResult result = ModelEvaluator.evaluate(trial.copy(), data, ProgressListener.NONE);
        return result.complete() ? OptionalDouble.of(result.accuracy()) : OptionalDouble.empty();
    }
}
