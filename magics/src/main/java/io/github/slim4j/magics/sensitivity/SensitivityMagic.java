package io.github.slim4j.magics.sensitivity;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.prune.TensorKinds;
import io.github.slim4j.core.prune.sensitivity.SensitivityAnalysis;
import io.github.slim4j.core.prune.sensitivity.SensitivityResult;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.prune.PruneValues;
import io.github.slim4j.magics.render.ChartFormat;
import io.github.slim4j.magics.render.ProgressBar;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code %sensitivity}: how much each layer alone can be pruned before accuracy suffers. */
public final class SensitivityMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.NETWORK,
            "the network to analyse; it ends unchanged");
    private static final Option<Bound<DataSetIterator>> DATA = Option.required("--data", VariableKinds.DATA,
            "labelled examples to measure accuracy on");
    private static final Option<List<Double>> PRUNE = Option.required("--prune", PruneValues.LEVELS,
            "the sparsities to try on each tensor");
    private static final Option<Pattern> LAYERS = Option.of("--layers", PruneValues.LAYER_PATTERN,
            "analyse only layers whose whole name matches (default: every layer with weights)");

    private static final Syntax SYNTAX = Syntax.builder("sensitivity", "Measure accuracy as each layer alone is pruned")
            .description("""
                    For every weight tensor on its own, prunes it by magnitude to each level of \
                    `--prune`, measures accuracy and loss on `--data`, and puts it back: the \
                    network ends as it started. Layers whose accuracy holds up to high sparsity \
                    can be pruned hard; the chart shows one line per tensor, as Distiller's \
                    sensitivity analysis does. An interrupt stops the sweep and shows the points \
                    measured so far.""")
            .positional(MODEL)
            .option(DATA)
            .option(PRUNE)
            .option(LAYERS)
            .option(ChartFormat.OPTION)
            .example("%sensitivity net --data test --prune 0:0.9:0.1")
            .example("%sensitivity net --data test --prune 0.5:0.95:0.15 --layers hidden")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        Selection selection = new Selection(arguments.optional(LAYERS), Optional.empty(), TensorKinds.WEIGHTS);
        ProgressBar bar = context.out().progress("sensitivity of " + model.name());
        SensitivityResult result = SensitivityAnalysis.run(model.value(), arguments.get(DATA).value(), arguments.get(PRUNE),
                selection, new Criterion.Magnitude(), bar);
        String figure = String.format(Locale.ROOT, "%d points, dense accuracy %.2f%%", result.points().size(), 100 * result.baselineAccuracy());
        Table table = SensitivityTable.of(model.name(), result);
        if (result.complete()) {
            bar.finish(figure);
        } else {
            bar.interrupted(result.points().size(), -1, figure);
        }
        context.out().table(table);
        context.out().chart(SensitivityChart.of(model.name() + ": sensitivity", result));
        if (!result.complete()) {
            throw new MagicException("%sensitivity: interrupted after " + result.points().size() + " points; "
                    + model.name() + " is unchanged and the table shows the points measured");
        }
        return table;
    }
}
