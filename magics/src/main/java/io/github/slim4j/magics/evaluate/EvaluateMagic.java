package io.github.slim4j.magics.evaluate;

import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import tech.tablesaw.api.Table;

/** {@code %evaluate}: accuracy, top-5, loss and speed of a network on a data set. */
public final class EvaluateMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.NETWORK,
            "the network to evaluate");
    private static final Option<Bound<DataSetIterator>> DATA = Option.required("--data", VariableKinds.DATA,
            "labelled examples to evaluate on; the iterator is reset first");

    private static final Syntax SYNTAX = Syntax.builder("evaluate", "Measure a network's accuracy, loss and speed on a data set")
            .description("""
                    Runs every batch of `--data` through the network (inference mode; the model \
                    is not changed) and shows accuracy, top-5 accuracy when there are more than 5 \
                    classes, the network's own loss, and examples per second of inference. A \
                    progress bar follows the batches; interrupting stops after the current batch \
                    and shows the figures for the examples seen so far.""")
            .positional(MODEL)
            .option(DATA)
            .example("%evaluate net --data test")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        EvaluationResult result = EvaluationRun.evaluate(model.value(), arguments.get(DATA).value(),
                context.out().progress("evaluating " + model.name()));
        Table table = EvaluationTable.of(model.name(), result);
        context.out().table(table);
        if (!result.complete()) {
            throw new MagicException(String.format("%%evaluate: interrupted after %,d examples; the table shows those", result.examples()));
        }
        return table;
    }
}
