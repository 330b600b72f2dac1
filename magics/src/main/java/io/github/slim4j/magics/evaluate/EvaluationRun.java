package io.github.slim4j.magics.evaluate;

import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.render.ProgressBar;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Locale;

/** Evaluates one model on a data set behind a progress bar that ends in the result's figure. */
public final class EvaluationRun {

    private EvaluationRun() {
    }

    /** Evaluates with a bar of its own, and leaves the bar showing the final figure. */
    public static EvaluationResult evaluate(ModelHandle model, DataSetIterator data, ProgressBar bar) {
        EvaluationResult result = ModelEvaluator.evaluate(model, data, bar);
        if (result.complete()) {
            bar.finish(figure(result));
        } else {
            bar.interrupted(result.examples(), result.expectedExamples(), figure(result));
        }
        return result;
    }

    /** "2,000 examples in 0.41 s (4,878/s), accuracy 84.1%". */
    public static String figure(EvaluationResult result) {
        return String.format(Locale.ROOT, "%,d examples in %.2f s (%,.0f/s), accuracy %.1f%%",
                result.examples(), result.inferenceSeconds(), result.examplesPerSecond(), 100 * result.accuracy());
    }
}
