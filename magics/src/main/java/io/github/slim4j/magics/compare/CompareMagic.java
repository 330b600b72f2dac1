package io.github.slim4j.magics.compare;

import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.summary.ModelSummary;
import io.github.slim4j.magics.DistinctModels;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.evaluate.EvaluationRun;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.render.ChartFormat;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code %compare}: models side by side by size and, with data, accuracy. */
public final class CompareMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODELS = Positional.oneOrMore("MODEL", VariableKinds.MODEL,
            "the models to compare, one row each");
    private static final Option<Bound<DataSetIterator>> DATA = Option.of("--data", VariableKinds.DATA,
            "labelled examples to measure each network's accuracy on");

    private static final Syntax SYNTAX = Syntax.builder("compare", "Compare models by size, sparsity, bits per weight and accuracy")
            .description("""
                    One row per model: parameters, non-zero parameters, storage bytes and mean \
                    bits per weight, and with `--data` the accuracy of each DL4J network on it \
                    (tensor models have no accuracy). The chart plots accuracy against storage, \
                    or storage per model without data.""")
            .positional(MODELS)
            .option(DATA)
            .option(ChartFormat.OPTION)
            .example("%compare net untrained --data test")
            .example("%compare weights pruned")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Optional<Bound<DataSetIterator>> data = arguments.optional(DATA);
        List<Bound<ModelHandle>> models = arguments.all(MODELS);
        DistinctModels.require("compare", models.stream().map(Bound::name).toList());
        List<ComparisonRow> rows = new ArrayList<>();
        for (Bound<ModelHandle> model : models) {
            Optional<EvaluationResult> evaluation = data.filter(ignored -> model.value().isNetwork())
                    .map(iterator -> EvaluationRun.evaluate(model.value(), iterator.value(),
                            context.out().progress("evaluating " + model.name())));
            rows.add(new ComparisonRow(model.name(), model.value().kind(), ModelSummary.of(model.value()), evaluation));
            if (evaluation.isPresent() && !evaluation.get().complete()) {
                context.out().table(ComparisonTable.of(rows, true));
                throw new MagicException("%compare: interrupted while evaluating " + model.name() + "; the table shows the models so far");
            }
        }
        Table table = ComparisonTable.of(rows, data.isPresent());
        context.out().table(table);
        context.out().chart(ComparisonChart.of(rows));
        return table;
    }
}
