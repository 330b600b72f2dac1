package io.github.slim4j.core.quant.sweep;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.eval.ModelEvaluator;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.network.BatchLoop;
import io.github.slim4j.core.network.Network;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.quant.error.ErrorSums;
import io.github.slim4j.core.quant.error.TrialCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Error (and accuracy) against bit width: the model quantized at each width in turn, then put back unchanged.
 *
 * <p>Each width quantizes the selected tensors of a {@link TrialCopy} of the model, measures them
 * against the model's own (SQNR and MSE over all of them together: {@code Σx² / Σ(x − x̂)²}, so
 * large tensors weigh by their size, as they do in the network's output) and, with data, evaluates
 * the copy; then the copy gets the model's values back for the next width. The model itself is
 * never written, so it ends as it began bit for bit, its masks and quantization records included,
 * also after an interrupt or a failure. With data the unquantized model is evaluated first, as the
 * baseline.
 */
public final class BitSweep {
    private static final String TASK = "bit-width sweep";

    private BitSweep() {
    }

    /**
     * @param formatForBits the format at each width, such as {@code b -> int<b> per channel symmetric}
     * @param progress      one unit per width, with details such as "int4: SQNR 19.3 dB, accuracy 82.4%"
     * @throws Slim4jException when {@code fromBits > toBits}, a width has no format, the selection is
     *     empty, or with data when the model is not a DL4J network or the data cannot rewind
     */
    public static SweepResult run(ModelHandle model, IntFunction<WeightFormat> formatForBits, int fromBits, int toBits,
                                  Selection selection, Optional<DataSetIterator> data, ProgressListener progress) {
        if (fromBits > toBits) {
            throw new Slim4jException("a sweep runs from fewer bits to more, got " + fromBits + ".." + toBits);
        }
        List<WeightFormat> formats = IntStream.rangeClosed(fromBits, toBits).mapToObj(formatForBits).toList();
        selection.apply(model);
        data.ifPresent(iterator -> {
            Network.of(model, TASK);
            BatchLoop.requireReset(iterator, TASK + " passes over the data " + (formats.size() + 1) + " times");
        });
        TrialCopy trial = TrialCopy.of(model);
        OptionalDouble baseline = data.map(iterator -> accuracy(trial, iterator)).orElse(OptionalDouble.empty());
        if (data.isPresent() && baseline.isEmpty()) {
            return new SweepResult(baseline, List.of(), false);
        }
        List<SweepPoint> points = new ArrayList<>();
        for (WeightFormat format : formats) {
            Optional<SweepPoint> point = Thread.currentThread().isInterrupted()
                    ? Optional.empty()
                    : measure(trial, format, selection, data);
            if (point.isEmpty()) {
                return new SweepResult(baseline, points, false);
            }
            points.add(point.get());
            progress.progress(points.size(), formats.size(), detail(point.get()));
        }
        return new SweepResult(baseline, points, true);
    }

    /** One width on the copy, which then gets the model's values back; empty when an interrupt stopped the evaluation. */
    private static Optional<SweepPoint> measure(TrialCopy trial, WeightFormat format, Selection selection,
                                                Optional<DataSetIterator> data) {
        try {
            Quantizer.quantize(trial.copy(), new QuantizeSpec(format, LayerFormats.none(), selection));
            ErrorSums error = trial.error(selection);
            OptionalDouble accuracy = OptionalDouble.empty();
            if (data.isPresent()) {
                accuracy = accuracy(trial, data.get());
                if (accuracy.isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new SweepPoint(format.bits(), format.name(), error.sqnrDb(), error.mse(), accuracy));
        } finally {
            trial.reset();
        }
    }

    /** The copy's accuracy; empty when an interrupt stopped the evaluation. */
    private static OptionalDouble accuracy(TrialCopy trial, DataSetIterator data) {
        EvaluationResult result = ModelEvaluator.evaluate(trial.copy(), data, ProgressListener.NONE);
        return result.complete() ? OptionalDouble.of(result.accuracy()) : OptionalDouble.empty();
    }

    private static String detail(SweepPoint point) {
        String accuracy = point.accuracy().isPresent()
                ? String.format(Locale.ROOT, ", accuracy %.1f%%", 100 * point.accuracy().getAsDouble())
                : "";
        return String.format(Locale.ROOT, "%s: SQNR %.1f dB", point.format(), point.meanSqnrDb()) + accuracy;
    }
}
