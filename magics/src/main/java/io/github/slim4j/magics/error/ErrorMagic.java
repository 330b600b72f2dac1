package io.github.slim4j.magics.error;

import io.github.slim4j.core.fold.BatchNormFolding;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.error.OutputAgreement;
import io.github.slim4j.core.quant.error.OutputComparison;
import io.github.slim4j.core.quant.error.TensorError;
import io.github.slim4j.core.quant.error.WeightError;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Suggestions;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import io.github.slim4j.magics.quantize.SqnrBars;
import io.github.slim4j.magics.render.ChartFormat;
import io.github.slim4j.magics.render.ProgressBar;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code %error}: where a compressed model differs from its reference, tensor by tensor and in its outputs. */
public final class ErrorMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.MODEL,
            "the compressed model");
    private static final Option<Bound<ModelHandle>> REF = Option.required("--ref", VariableKinds.MODEL,
            "the reference it came from, with the same tensors");
    private static final Option<Bound<DataSetIterator>> DATA = Option.of("--data", VariableKinds.DATA,
            "labelled examples to compare the two networks' outputs on");
    private static final Option<String> LAYER = Option.of("--layer", new Text("L", "a layer name, as %model's layer column shows it"),
            "also draw this layer's reference weights with MODEL's quantization grid over them");

    private static final Syntax SYNTAX = Syntax.builder("error", "Measure how far a compressed model is from its reference")
            .description("""
                    Per tensor: mean squared error, SQNR in dB (every 6 dB is about one bit of \
                    precision), the largest absolute error and the cosine similarity of MODEL's \
                    weights against REF's. With `--data`, both networks run on the same examples: \
                    how often they predict the same class, the mean KL divergence of their softmax \
                    outputs, and the accuracy MODEL loses. The chart shows SQNR per tensor; with \
                    `--layer`, a second one shows that layer's reference weights with MODEL's \
                    quantization grid over them (for per-channel and per-group formats, the grid of \
                    the slice with the widest range).""")
            .positional(MODEL)
            .option(REF)
            .option(DATA)
            .option(LAYER)
            .option(ChartFormat.OPTION)
            .example("%error q8 --ref net")
            .example("%error q4 --ref net --data test --layer fc1")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        Bound<ModelHandle> given = arguments.get(REF);
        // %quantize folds batch normalization; a reference that still has it is compared folded.
        Bound<ModelHandle> reference = new Bound<>(given.name(), BatchNormFolding.foldedLike(model.value(), given.value()));
        List<TensorError> errors = WeightError.compare(model.value(), reference.value());
        Table table = WeightErrorTable.of("error of " + model.name() + " against " + reference.name(), errors);
        context.out().table(table);
        arguments.optional(DATA).ifPresent(data -> showAgreement(model, reference, data.value(), context));
        context.out().chart(SqnrBars.of(model.name() + ": SQNR per tensor",
                errors.stream().map(TensorError::tensor).toList(), errors.stream().map(TensorError::sqnrDb).toList()));
        arguments.optional(LAYER).ifPresent(layer -> showGrid(layer, model, reference, context));
        return table;
    }

    private static void showAgreement(Bound<ModelHandle> model, Bound<ModelHandle> reference, DataSetIterator data, MagicContext context) {
        if (!model.value().isNetwork() || !reference.value().isNetwork()) {
            throw new MagicException("%error: --data compares outputs, so MODEL and REF must be DL4J networks");
        }
        ProgressBar bar = context.out().progress("comparing " + model.name() + " with " + reference.name());
        OutputAgreement agreement = OutputComparison.compare(model.value(), reference.value(), data, bar);
        String figure = String.format(Locale.ROOT, "%,d examples, top-1 agreement %.2f%%, accuracy drop %.2f points",
                agreement.examples(), 100 * agreement.top1Agreement(), 100 * agreement.accuracyDrop());
        if (agreement.complete()) {
            bar.finish(figure);
        } else {
            bar.interrupted(agreement.examples(), -1, figure);
        }
        context.out().table(AgreementTable.of(model.name(), reference.name(), agreement));
        if (!agreement.complete()) {
            throw new MagicException("%error: interrupted after " + agreement.examples() + " examples; the tables show those");
        }
    }

    private static void showGrid(String layer, Bound<ModelHandle> model, Bound<ModelHandle> reference, MagicContext context) {
        Optional<ParamTensor> weights = reference.value().parameters().stream()
                .filter(tensor -> tensor.layer().equals(layer) && tensor.kind().isWeight())
                .findFirst();
        if (weights.isEmpty()) {
            List<String> layers = reference.value().layers().stream().map(LayerInfo::name).toList();
            String hint = Suggestions.closest(layer, layers).map(near -> "did you mean '" + near + "'? ").orElse("");
            throw new MagicException("%error: --layer '" + layer + "' is not a layer of " + reference.name() + " with weights; "
                    + hint + "layers are " + String.join(", ", layers));
        }
        String tensor = weights.get().qualifiedName();
        Map<String, QuantizedTensor> quantized = Quantizations.of(model.value());
        double[] levels = Optional.ofNullable(quantized.get(tensor)).map(GridLevels::of).orElse(new double[0]);
        context.out().chart(GridHistogramChart.of(reference.name() + ": " + tensor + " and " + model.name() + "'s grid",
                tensor, weights.get().values(), levels));
    }
}
