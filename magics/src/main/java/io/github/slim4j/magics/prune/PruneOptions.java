package io.github.slim4j.magics.prune;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.Scope;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.prune.TensorKinds;
import io.github.slim4j.magics.ResultVariable;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Choice;
import io.github.slim4j.magics.grammar.Flag;
import io.github.slim4j.magics.grammar.IntegerRange;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The parameters of {@code %prune}, shared by its three modes (one-shot, AGP schedule, search),
 * and how they become the engine's values.
 */
final class PruneOptions {

    private PruneOptions() {
    }

    static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.MODEL, "the model to prune");

    static final Option<Amount> SPARSITY = Option.of("--sparsity", PruneValues.AMOUNT,
            "one-shot: the sparsity each selected tensor ends with (with --scope global, all of them together)");
    static final Option<String> METHOD = Option.withDefault("--method",
            Choice.of("l1", "random", "l1-structured", "l2-structured", "nm"), "l1",
            "which weights go: smallest |w|, random, whole output channels by L1 or L2 norm, or N:M groups");
    static final Option<Criterion.NofM> NM = Option.withDefault("--nm", PruneValues.N_OF_M, new Criterion.NofM(2, 4),
            "for --method nm: keep N of every M consecutive weights along the input dimension");
    static final Option<String> SCOPE = Option.withDefault("--scope", Choice.of("layer", "global"), "layer",
            "the amount applies to each tensor, or to all selected tensors ranked together (l1 and random)");
    static final Option<Pattern> LAYERS = Option.of("--layers", PruneValues.LAYER_PATTERN,
            "prune only layers whose whole name matches (default: every layer with weights)");
    static final Option<Pattern> EXCLUDE = Option.of("--exclude", PruneValues.LAYER_PATTERN,
            "leave out layers whose whole name matches");
    static final Option<String> PARAMS = Option.withDefault("--params", Choice.of("weights", "all"), "weights",
            "prune weights only, or biases and normalization parameters too");
    static final Option<Long> DIM = Option.of("--dim", new IntegerRange(0, 7, "D"),
            "for structured methods: the channel axis (default: the tensor's output dimension)");
    static final Option<Long> SEED = Option.withDefault("--seed", new IntegerRange(0, Long.MAX_VALUE, "N"), 0L,
            "for --method random: the random generator's seed");

    static final Option<String> SCHEDULE = Option.of("--schedule", Choice.of("agp"),
            "gradual pruning: AGP (Zhu & Gupta 2017) rises to --final over --steps steps, fine-tuning on --train between them");
    static final Option<Double> FINAL = Option.of("--final", PruneValues.SHARE, "the sparsity the schedule ends at");
    static final Option<Long> STEPS = Option.of("--steps", new IntegerRange(1, 1000, "K"), "pruning steps of the schedule");
    static final Option<Bound<DataSetIterator>> TRAIN = Option.of("--train", VariableKinds.DATA,
            "labelled examples to fine-tune on between steps");
    static final Option<Long> EPOCHS = Option.withDefault("--epochs", new IntegerRange(1, 1000, "E"), 1L,
            "fine-tuning epochs after each step");

    static final Flag SEARCH = Flag.of("--search",
            "search per-layer sparsities by hill climbing, measuring accuracy on --data");
    static final Option<Bound<DataSetIterator>> DATA = Option.of("--data", VariableKinds.DATA,
            "validation examples for the search");
    static final Option<Double> TARGET = Option.of("--target", PruneValues.SHARE,
            "search: reach this overall sparsity with the least loss of accuracy");
    static final Option<Double> MAX_DROP = Option.of("--max-drop", PruneValues.SHARE,
            "search: the highest sparsity whose accuracy is at most this much below the dense model's (0.01 or 1% = one point)");

    static final Flag REMOVE = Flag.of("--remove",
            "with l1-structured or l2-structured on a MultiLayerNetwork or a model loaded from ONNX: remove the channels for real, with everything coupled to them, making a smaller model");

    static final Option<Long> ROUND_TO = Option.withDefault("--round-to", new IntegerRange(1, 1024, "N"), 8L,
            "with --remove: each group keeps a multiple of N channels, which vector kernels run faster (1: exactly the sparsity)");

    static final Option<String> AS = ResultVariable.option("prune a copy");

    static Selection selection(Arguments arguments) {
        TensorKinds kinds = arguments.get(PARAMS).equals("all") ? TensorKinds.ALL : TensorKinds.WEIGHTS;
        return new Selection(arguments.optional(LAYERS), arguments.optional(EXCLUDE), kinds);
    }

    static Criterion criterion(Arguments arguments) {
        OptionalInt dim = arguments.optional(DIM).map(d -> OptionalInt.of(Math.toIntExact(d))).orElse(OptionalInt.empty());
        return switch (arguments.get(METHOD)) {
            case "random" -> new Criterion.Random(arguments.get(SEED));
            case "l1-structured" -> new Criterion.Structured(1, dim);
            case "l2-structured" -> new Criterion.Structured(2, dim);
            case "nm" -> arguments.get(NM);
            default -> new Criterion.Magnitude();
        };
    }

    static Scope scope(Arguments arguments) {
        return Scope.valueOf(arguments.get(SCOPE).toUpperCase(Locale.ROOT));
    }
}
