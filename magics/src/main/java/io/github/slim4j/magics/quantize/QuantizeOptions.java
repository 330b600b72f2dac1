package io.github.slim4j.magics.quantize;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.prune.TensorKinds;
import io.github.slim4j.core.quant.FixedPointFormat;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.PowerOfTwoFormat;
import io.github.slim4j.core.quant.Scheme;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.quant.WeightRange;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.ResultVariable;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Choice;
import io.github.slim4j.magics.grammar.Converted;
import io.github.slim4j.magics.grammar.DecimalRange;
import io.github.slim4j.magics.grammar.Flag;
import io.github.slim4j.magics.grammar.IntegerRange;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * The parameters of {@code %quantize}, shared by its three modes (one format, a budget, a sweep),
 * and how they become the engine's formats.
 */
final class QuantizeOptions {

    private QuantizeOptions() {
    }

    static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.MODEL, "the model to quantize");

    static final Option<Long> BITS = Option.of("--bits", new IntegerRange(2, 16, "B"),
            "bits per weight for int, uint, fixed point and pow2 formats (default 8; pow2 takes 2 to 8)");
    static final Option<String> SCHEME = Option.withDefault("--scheme", Choice.of("symmetric", "affine"), "symmetric",
            "integer grids: symmetric around zero, or affine over [min, max] with a zero point (better for int4 weights: "
                    + "ONNX Runtime dequantizes them before the float op, so the zero point costs nothing there)");
    static final Option<Granularity> GRANULARITY = Option.withDefault("--granularity", new Converted<>("G",
                    "tensor, channel, or group:G (G values along the input dimension share a scale)",
                    QuantizeOptions::granularity, QuantizeOptions::granularityText),
            new Granularity.PerChannel(OptionalInt.empty()), "how many weights share a scale");
    static final Option<WeightRange> RANGE = Option.withDefault("--range", new Converted<>("R", WeightRange.FORMS,
                    WeightRange::parse, WeightRange::text, Converted.Reason.ENGINE), new WeightRange.MinMax(),
            "int and uint ranges: each slice's min and max, the clip with the least squared error, or the P-th percentile of |w|");
    static final Option<Long> AXIS = Option.of("--axis", new IntegerRange(0, 7, "A"),
            "the channel axis for --granularity channel (default: the tensor's output dimension)");
    static final Option<String> FORMAT = Option.withDefault("--format", new Converted<>("F",
                    "int, uint, fixed:Qm.n, pow2, fp16, bf16, fp8-e4m3, fp8-e5m2 or mantissa:M[:E]",
                    QuantizeOptions::formatWord, String::valueOf, Converted.Reason.ENGINE), "int",
            "the number format");
    static final Option<LayerFormats> LAYERS = Option.of("--layers", new Converted<>("SPEC",
                    "PATTERN=FORMAT pairs separated by commas, such as \"conv.*=int8,fc1=int4:group32,fc2=fp16\"",
                    LayerFormats::parse, String::valueOf, Converted.Reason.ENGINE),
            "formats by layer: the first pattern matching a whole layer name wins; other layers get the default");
    static final Option<String> PARAMS = Option.withDefault("--params", Choice.of("weights", "all"), "weights",
            "quantize weights only (biases stay float32), or biases and normalization too");

    static final Option<Double> BUDGET = Option.of("--budget", new DecimalRange(1, 32, "AVG_BITS"),
            "mixed precision: the average bits per weight to fit in; per-layer widths chosen by measured sensitivity on --data");
    static final Option<Bound<DataSetIterator>> DATA = Option.of("--data", VariableKinds.DATA,
            "labelled examples to measure accuracy on (needed by --budget, optional with --sweep)");
    static final Option<int[]> SWEEP = Option.of("--sweep", new Converted<>("FROM..TO",
                    "bit widths FROM..TO with 2 ≤ FROM ≤ TO ≤ 16, such as 2..8", QuantizeOptions::range, r -> r[0] + ".." + r[1]),
            "error (and accuracy with --data) at each width from FROM to TO; the model is left unchanged");

    static final Flag ACTIVATIONS = Flag.of("--activations",
            "fake-quantize activations too, with the ranges %calibrate measured; --bits sets their width (default: as calibrated)");

    static final Flag KEEP_BN = Flag.of("--keep-bn",
            "keep batch normalization layers; by default each one right after a convolution or dense layer is folded into it first");
    static final Flag FULL_RANGE = Flag.of("--full-range",
            "on a model loaded from ONNX, give 8-bit signed weights all 8 bits (default: 7, ONNX Runtime's reduce_range; see %help quantize)");

    static final Option<String> AS = ResultVariable.option("quantize a copy");

    /**
     * Signed 8-bit weights of a model bound for ONNX Runtime keep to 7 bits unless told otherwise:
     * its x86 kernels multiply uint8 activations by int8 weights in pairs summed into int16
     * (VPMADDUBSW), which saturates once two products pass 32,767, as full-range weights make them
     * on CPUs without VNNI. The same as ONNX Runtime's own quantizer with reduce_range.
     */
    static WeightFormat forOnnxRuntime(WeightFormat format, boolean imported, Arguments arguments) {
        if (imported && !arguments.isSet(FULL_RANGE) && format instanceof IntegerFormat integer && integer.signed() && integer.bits() == 8) {
            return new IntegerFormat(7, integer.scheme(), true, integer.granularity(), integer.range());
        }
        return format;
    }

    static Selection selection(Arguments arguments) {
        return new Selection(Optional.empty(), Optional.empty(),
                arguments.get(PARAMS).equals("all") ? TensorKinds.ALL : TensorKinds.WEIGHTS);
    }

    static LayerFormats layers(Arguments arguments) {
        return arguments.optional(LAYERS).orElse(LayerFormats.none());
    }

    /** The format every selected tensor gets unless a --layers rule says otherwise. */
    static WeightFormat format(Arguments arguments) {
        String word = arguments.get(FORMAT);
        Optional<Long> bits = arguments.optional(BITS);
        requireIntegerForRange(arguments, word);
        if (widthVaries(word)) {
            return atWidth(arguments).apply(Math.toIntExact(bits.orElse(8L)));
        }
        WeightFormat format = WeightFormat.parse(word);
        bits.filter(given -> given != format.bits()).ifPresent(given -> {
            String parts = format instanceof FixedPointFormat fixed
                    ? " (a sign bit, " + fixed.integerBits() + " integer and " + fixed.fractionBits() + " fraction bits)"
                    : "";
            throw new MagicException("%quantize: " + format.name() + " takes " + format.bits() + " bits" + parts
                    + "; --bits " + given + " does not go with it");
        });
        return format;
    }

    /**
     * The format at each width, for the sweep and the budget: --format with --scheme, --granularity,
     * --axis and --range, and the width in place of --bits.
     *
     * @param mode the option that tries several widths, for the error
     * @throws MagicException when the format's width is fixed (fixed point, fp16, bf16, fp8, mantissa)
     */
    static IntFunction<WeightFormat> formatForBits(Arguments arguments, Option<?> mode) {
        String word = arguments.get(FORMAT);
        requireIntegerForRange(arguments, word);
        if (!widthVaries(word)) {
            throw new MagicException("%quantize: " + mode.label() + " tries several widths, so it needs --format int, uint or pow2; "
                    + word + " has a width of its own");
        }
        return atWidth(arguments);
    }

    /** @throws MagicException when --range clips the range of a format other than int and uint, which has none to clip */
    private static void requireIntegerForRange(Arguments arguments, String word) {
        WeightRange range = arguments.get(RANGE);
        if (!(range instanceof WeightRange.MinMax) && !word.equals("int") && !word.equals("uint")) {
            throw new MagicException("%quantize: --range " + range.text() + " chooses integer ranges, so it needs --format int or uint "
                    + "(or a range in the format itself, as int4:mse); " + word + " has no range to choose");
        }
    }

    private static boolean widthVaries(String word) {
        return word.equals("int") || word.equals("uint") || word.equals("pow2");
    }

    private static IntFunction<WeightFormat> atWidth(Arguments arguments) {
        String word = arguments.get(FORMAT);
        if (word.equals("pow2")) {
            return PowerOfTwoFormat::new;
        }
        Scheme scheme = Scheme.valueOf(arguments.get(SCHEME).toUpperCase(Locale.ROOT));
        Granularity granularity = withAxis(arguments.get(GRANULARITY), arguments.optional(AXIS));
        WeightRange range = arguments.get(RANGE);
        return width -> new IntegerFormat(width, scheme, word.equals("int"), granularity, range);
    }

    private static Granularity withAxis(Granularity granularity, Optional<Long> axis) {
        if (axis.isEmpty()) {
            return granularity;
        }
        if (!(granularity instanceof Granularity.PerChannel)) {
            throw new MagicException("%quantize: --axis picks the channel axis, so it needs --granularity channel");
        }
        return new Granularity.PerChannel(OptionalInt.of(Math.toIntExact(axis.get())));
    }

    private static Granularity granularity(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("tensor")) {
            return new Granularity.PerTensor();
        }
        if (trimmed.equals("channel")) {
            return new Granularity.PerChannel(OptionalInt.empty());
        }
        if (trimmed.startsWith("group:")) {
            try {
                int size = Integer.parseInt(trimmed.substring("group:".length()));
                if (size >= 1) {
                    return new Granularity.PerGroup(size);
                }
            } catch (NumberFormatException notANumber) {
                // refused below
            }
        }
        throw new Slim4jException("not a granularity: " + text);
    }

    private static String granularityText(Granularity granularity) {
        if (granularity instanceof Granularity.PerGroup group) {
            return "group:" + group.size();
        }
        return granularity instanceof Granularity.PerTensor ? "tensor" : "channel";
    }

    /** The --format word, checked: int and uint and pow2 as they are, the others as formats. */
    private static String formatWord(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("int") || trimmed.equals("uint") || trimmed.equals("pow2")) {
            return trimmed;
        }
        WeightFormat.parse(trimmed);
        return trimmed;
    }

    private static int[] range(String text) {
        String[] parts = text.strip().split("\\.\\.");
        try {
            if (parts.length == 2) {
                int from = Integer.parseInt(parts[0]);
                int to = Integer.parseInt(parts[1]);
                if (from >= 2 && to <= 16 && from <= to) {
                    return new int[] {from, to};
                }
            }
        } catch (NumberFormatException notNumbers) {
            // refused below
        }
        throw new Slim4jException("not a range of bit widths: " + text);
    }
}
