package io.github.slim4j.magics.calibrate;

import io.github.slim4j.core.calib.bias.BiasCorrection;
import io.github.slim4j.core.calib.bias.BiasCorrectionReport;
import io.github.slim4j.core.calib.bias.CorrectedLayer;
import io.github.slim4j.core.calib.equalize.CrossLayerEqualization;
import io.github.slim4j.core.calib.equalize.EqualizationReport;
import io.github.slim4j.core.calib.equalize.EqualizedPair;
import io.github.slim4j.core.calib.qat.QatResult;
import io.github.slim4j.core.calib.qat.QuantizationAwareTraining;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.TensorQuantization;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.quantize.SqnrBars;
import io.github.slim4j.magics.render.ProgressBar;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import io.github.slim4j.core.train.LearningRate;
import io.github.slim4j.magics.train.LearningRateOption;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The modes of {@code %calibrate} that change a network's parameters: {@code --equalize},
 * {@code --bias-correction} and {@code --qat}.
 */
final class NetworkRewrites {

    private NetworkRewrites() {
    }

    /** Cross-layer equalization in place; a table of the pairs, and the pairs it could not take. */
    static ModeRun equalize(ModelHandle model, String name, MagicContext context) {
        EqualizationReport report = CrossLayerEqualization.equalize(model);
        StringColumn first = StringColumn.create("layer");
        StringColumn second = StringColumn.create("next layer");
        IntColumn channels = IntColumn.create("channels");
        DoubleColumn before = DoubleColumn.create("range spread before");
        DoubleColumn after = DoubleColumn.create("range spread after");
        DoubleColumn smallest = DoubleColumn.create("smallest factor");
        DoubleColumn largest = DoubleColumn.create("largest factor");
        for (EqualizedPair pair : report.pairs()) {
            first.append(pair.first());
            second.append(pair.second());
            channels.append(pair.channels());
            before.append(pair.spreadBefore());
            after.append(pair.spreadAfter());
            smallest.append(pair.minFactor());
            largest.append(pair.maxFactor());
        }
        for (DoubleColumn column : new DoubleColumn[] {before, after, smallest, largest}) {
            column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        }
        Table table = Table.create("cross-layer equalization of " + name + " (" + report.rounds() + " rounds)", first, second, channels,
                before, after, smallest, largest);
        context.out().table(table);
        if (!report.skipped().isEmpty()) {
            context.out().note("Not equalized: " + String.join("; ", report.skipped()) + ".");
        }
        return ModeRun.finished(table);
    }

    /** Empirical bias correction against the float reference, with a progress bar; a table of the corrections. */
    static ModeRun biasCorrection(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        ProgressBar bar = context.out().progress("bias correction of " + name);
        BiasCorrectionReport report = BiasCorrection.correct(model, arguments.optional(CalibrateOptions.REF).orElseThrow().value(),
                arguments.optional(CalibrateOptions.DATA).orElseThrow().value(), bar);
        String figure = report.corrected().size() + " of " + report.toCorrect() + " layers corrected";
        bar.end(report.complete(), report.corrected().size(), report.toCorrect(), figure);
        StringColumn layer = StringColumn.create("layer");
        IntColumn channels = IntColumn.create("channels");
        DoubleColumn mean = DoubleColumn.create("mean |correction|");
        DoubleColumn largest = DoubleColumn.create("max |correction|");
        for (CorrectedLayer corrected : report.corrected()) {
            layer.append(corrected.layer());
            channels.append(corrected.channels());
            mean.append(corrected.meanCorrection());
            largest.append(corrected.maxCorrection());
        }
        mean.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        largest.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        Table table = Table.create("bias correction of " + name, layer, channels, mean, largest);
        context.out().table(table);
        if (!report.skipped().isEmpty()) {
            context.out().note("Not corrected: " + report.skipped().stream().map(skipped -> "`" + skipped.layer() + "` (" + skipped.reason() + ")")
                    .collect(Collectors.joining(", ")) + ".");
        }
        return report.complete()
                ? ModeRun.finished(table)
                : ModeRun.interrupted(table, name + " keeps the corrections of its first " + report.corrected().size() + " layers");
    }

    /** Quantization-aware training with a progress bar; the table of the weights' formats and SQNR after. */
    static ModeRun qat(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        int epochs = Math.toIntExact(arguments.get(CalibrateOptions.EPOCHS));
        ProgressBar bar = context.out().progress("quantization-aware training of " + name);
        QatResult result;
        try (LearningRate rate = LearningRateOption.during(arguments, model)) {
            result = QuantizationAwareTraining.train(model, arguments.optional(CalibrateOptions.TRAIN).orElseThrow().value(), epochs, bar);
        }
        String figure = String.format(Locale.ROOT, "%d of %d epochs, loss %.4f", result.epochsCompleted(), epochs, result.lastLoss());
        bar.end(result.complete(), result.epochsCompleted(), epochs, figure);
        StringColumn tensor = StringColumn.create("tensor");
        StringColumn format = StringColumn.create("format");
        DoubleColumn sqnr = DoubleColumn.create("SQNR dB");
        for (TensorQuantization row : result.quantization().tensors()) {
            tensor.append(row.tensor());
            format.append(row.format().name());
            sqnr.append(row.sqnrDb());
        }
        sqnr.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        Table table = Table.create("quantization-aware training of " + name + " (" + figure + ")", tensor, format, sqnr);
        context.out().table(table);
        context.out().chart(SqnrBars.of(name + ": SQNR per tensor after training", tensor.asList(), sqnr.asList()));
        return result.complete()
                ? ModeRun.finished(table)
                : ModeRun.interrupted(table, name + " keeps the weights of the last finished epoch (" + result.epochsCompleted() + " of " + epochs + ")");
    }
}
