package io.github.slim4j.magics.train;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.train.LearningRate;
import io.github.slim4j.core.train.Trainer;
import io.github.slim4j.core.train.TrainingResult;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.ResultVariable;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.IntegerRange;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.render.ProgressBar;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.Locale;
import java.util.Optional;

/** {@code %train}: fits a network in place for a few epochs, with a progress bar you can interrupt. */
public final class TrainMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.NETWORK,
            "the network to train, in place");
    private static final Option<Bound<DataSetIterator>> DATA = Option.required("--data", VariableKinds.DATA,
            "labelled training examples; the iterator is reset at each epoch");
    private static final Option<Long> EPOCHS = Option.withDefault("--epochs", new IntegerRange(1, 10_000, "E"), 1L,
            "passes over the data");
    private static final Option<String> AS = ResultVariable.option("train a copy");

    private static final Syntax SYNTAX = Syntax.builder("train", "Train a network in place, with progress")
            .description("""
                    Fits the network batch by batch with its own updater and loss, for `--epochs` \
                    passes over `--data`, in place or, with `--as NAME`, on a copy kept in NAME. \
                    The bar shows epoch, batch and loss. Interrupting stops after the current \
                    batch: the network keeps the weights of the last finished batch, and the \
                    table says how far training got.""")
            .positional(MODEL)
            .option(DATA)
            .option(EPOCHS)
            .option(LearningRateOption.LR)
            .option(AS)
            .example("%train net --data train --epochs 3")
            .example("%train net --data train --as longer")
            .example("%train pruned --data train --epochs 2 --lr 0.0001")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        int epochs = Math.toIntExact(arguments.get(EPOCHS));
        Optional<String> copyName = arguments.optional(AS);
        ModelHandle trained = ResultVariable.target(model.value(), model.name(), copyName);
        String trainedName = copyName.orElse(model.name());
        ProgressBar bar = context.out().progress("training " + trainedName);
        TrainingResult result;
        try (LearningRate rate = LearningRateOption.during(arguments, trained)) {
            result = Trainer.fit(trained, arguments.get(DATA).value(), epochs, bar);
        }
        copyName.ifPresent(name -> context.define(name, trained));
        String figure = String.format(Locale.ROOT, "%d of %d epochs, %,d batches in %.1f s, loss %.4f",
                result.epochsCompleted(), result.epochsRequested(), result.batches(), result.seconds(), result.lastLoss());
        Table table = table(trainedName, result);
        if (result.complete()) {
            bar.finish(figure);
            context.out().table(table);
            return table;
        }
        bar.interrupted(result.epochsCompleted(), result.epochsRequested(), figure);
        context.out().table(table);
        throw new MagicException(String.format(Locale.ROOT,
                "%%train: interrupted after %,d batches; %s keeps the weights of the last finished batch", result.batches(), trainedName));
    }

    private static Table table(String model, TrainingResult result) {
        // Single values go in with append: create(name, int) would make a column of that many rows.
        LongColumn batches = LongColumn.create("batches").append(result.batches());
        DoubleColumn loss = DoubleColumn.create("final loss").append(result.lastLoss());
        DoubleColumn seconds = DoubleColumn.create("seconds").append(result.seconds());
        batches.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        loss.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        seconds.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return Table.create("training of " + model,
                StringColumn.create("model").append(model),
                IntColumn.create("epochs").append(result.epochsCompleted()),
                batches, loss, seconds,
                StringColumn.create("status").append(result.complete() ? "complete" : "interrupted"));
    }
}
