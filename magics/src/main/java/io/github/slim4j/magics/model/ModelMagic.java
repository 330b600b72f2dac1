package io.github.slim4j.magics.model;

import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.IntegerRange;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Suggestions;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import io.github.slim4j.magics.render.ChartFormat;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Optional;

/** {@code %model}: what a model is made of, tensor by tensor, and how its weights are spread. */
public final class ModelMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.MODEL,
            "the model to show");
    private static final Option<String> LAYER = Option.of("--layer", new Text("L", "a layer name, as the table's layer column shows it"),
            "draw the histogram of this layer's tensors only (default: the weights of every layer)");
    private static final Option<Long> BINS = Option.withDefault("--bins", new IntegerRange(2, 1000, "N"), 60L,
            "histogram bins per tensor");

    private static final Syntax SYNTAX = Syntax.builder("model", "Show a model's parameter tensors and a histogram of their values")
            .description("""
                    One row per parameter tensor: its layer, kind (weight, bias, normalization), \
                    shape, number of parameters, dtype and bits per value, sparsity (the share of \
                    exact zeros), min, max, mean, standard deviation and storage bytes. The last \
                    row sums up the whole model.

                    The chart is a histogram of values with a logarithmic count axis, so the rare \
                    large weights that set quantization ranges stay visible: of every weight tensor \
                    by default, or of each tensor of one layer with `--layer`.""")
            .positional(MODEL)
            .option(LAYER)
            .option(BINS)
            .option(ChartFormat.OPTION)
            .example("%model net")
            .example("%model net --layer 0 --bins 100")
            .example("var table = %model net --chart none")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        Optional<String> layer = arguments.optional(LAYER);
        layer.ifPresent(name -> requireLayer(name, model));
        List<MeasuredTensor> measured = MeasuredTensor.of(model.value().parameters());
        List<MeasuredTensor> shown = measured.stream()
                .filter(each -> layer.map(each.tensor().layer()::equals).orElse(each.tensor().kind().isWeight()))
                .toList();

        Table table = ParameterTable.of(model.name(), model.value(), measured);
        context.out().table(table);
        if (!shown.isEmpty()) {
            String title = layer.map(name -> model.name() + ": layer " + name).orElse(model.name() + ": weights");
            context.out().chart(WeightHistogramChart.of(title, shown, Math.toIntExact(arguments.get(BINS))));
        }
        return table;
    }

    private static void requireLayer(String layer, Bound<ModelHandle> model) {
        if (model.value().parameters().stream().noneMatch(tensor -> tensor.layer().equals(layer))) {
            List<String> layers = model.value().layers().stream().map(LayerInfo::name).toList();
            String hint = Suggestions.closest(layer, layers).map(near -> "did you mean '" + near + "'? ").orElse("");
            throw new MagicException("%model: --layer '" + layer + "' is not a layer of " + model.name() + " with parameters; "
                    + hint + "layers are " + String.join(", ", layers));
        }
    }
}
