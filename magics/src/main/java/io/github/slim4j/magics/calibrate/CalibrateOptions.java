package io.github.slim4j.magics.calibrate;

import io.github.slim4j.core.calib.CalibrationMethod;
import io.github.slim4j.core.calib.Mse;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.Scheme;
import io.github.slim4j.magics.ResultVariable;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Choice;
import io.github.slim4j.magics.grammar.Converted;
import io.github.slim4j.magics.grammar.Flag;
import io.github.slim4j.magics.grammar.IntegerRange;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Text;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Locale;

/** The parameters of {@code %calibrate}, shared by its modes, and the activation grid they describe. */
final class CalibrateOptions {

    private CalibrateOptions() {
    }

    static final Positional<Bound<CalibrationSubject>> MODEL = Positional.one("MODEL", CalibrationSubject.VARIABLE,
            "the network to calibrate, or activations in hand (an INDArray or a List<INDArray> of batches)");

    static final Option<Bound<DataSetIterator>> DATA = Option.of("--data", VariableKinds.DATA,
            "calibration examples: one pass records every quantization point's statistics");
    static final Option<CalibrationMethod> METHOD = Option.of("--method", new Converted<>("M",
                    "minmax, ema, ema:C, percentile:P, mse, entropy or histogram", CalibrationMethod::parse, CalibrationMethod::text,
                    Converted.Reason.ENGINE),
            "how each point's range is chosen from its statistics (default mse; without --data, the method chosen last)");
    static final Option<Long> BITS = Option.of("--bits", new IntegerRange(2, 16, "B"),
            "bits per activation (default 8; without --data, the width chosen last)");
    static final Option<String> SCHEME = Option.of("--scheme", Choice.of("affine", "symmetric"),
            "affine grids with a zero point (unsigned codes, as PyTorch's quint8; the default), or symmetric ones (signed, as qint8)");
    static final Option<String> DTYPE = Option.of("--dtype", Choice.of("uint8", "int8"),
            "8-bit codes, unsigned or signed, in place of --bits and the scheme's default signedness");
    static final Option<Long> BATCHES = Option.of("--batches", new IntegerRange(1, Integer.MAX_VALUE, "N"),
            "calibrate on the first N batches only (default: one whole pass)");
    static final Option<String> LAYER = Option.of("--layer", new Text("L", "a quantization point: input, or a layer name"),
            "draw only this point's histogram");
    static final Flag METHODS = Flag.of("--methods",
            "compare every method at every point from the recorded statistics, without a new pass");
    static final Flag BIAS_CORRECTION = Flag.of("--bias-correction",
            "subtract each layer's expected output error from its bias (needs --ref and --data)");
    static final Option<Bound<ModelHandle>> REF = Option.of("--ref", VariableKinds.NETWORK,
            "the float network MODEL was quantized from, for --bias-correction");
    static final Flag EQUALIZE = Flag.of("--equalize",
            "cross-layer equalization: rescale channels of consecutive layers so their weight ranges match");
    static final Flag QAT = Flag.of("--qat", "quantization-aware fine-tuning of the quantized weights (needs --train)");
    static final Option<Bound<DataSetIterator>> TRAIN = Option.of("--train", VariableKinds.DATA,
            "labelled training examples for --qat");
    static final Option<Long> EPOCHS = Option.withDefault("--epochs", new IntegerRange(1, 10_000, "E"), 1L,
            "passes over --train for --qat");
    static final Option<String> AS = ResultVariable.option("work on a copy (activations: the quantized values; a network: the simulated quantized network)");

    /**
     * The range that least distorts each point's recorded values (the mean squared quantization
     * error over its histogram). Measured on the CNN and ResNet fixtures, W8A8: the only method
     * never below PyTorch's own static PTQ on either (README, "Measured W8A8").
     */
    static final CalibrationMethod DEFAULT_METHOD = new Mse();

    /** PyTorch's activation grid: 8 bits, affine, unsigned (quint8), per tensor. */
    static final IntegerFormat DEFAULT_FORMAT = new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor());

    /** The method the options give, else {@code previous}. */
    static CalibrationMethod method(Arguments arguments, CalibrationMethod previous) {
        return arguments.optional(METHOD).orElse(previous);
    }

    /**
     * The activations' grid: what --bits, --scheme and --dtype give, each one not given kept from
     * {@code previous}. A typed scheme brings its signedness (affine unsigned, symmetric signed, as
     * PyTorch's activation dtypes); --dtype is 8 bits of its own signedness.
     */
    static IntegerFormat format(Arguments arguments, IntegerFormat previous) {
        Scheme scheme = arguments.optional(SCHEME).map(text -> Scheme.valueOf(text.toUpperCase(Locale.ROOT))).orElse(previous.scheme());
        boolean signed = arguments.optional(DTYPE).map(dtype -> dtype.equals("int8"))
                .orElse(arguments.optional(SCHEME).isPresent() ? scheme == Scheme.SYMMETRIC : previous.signed());
        int bits = arguments.optional(DTYPE).isPresent() ? 8 : Math.toIntExact(arguments.optional(BITS).orElse((long) previous.bits()));
        return new IntegerFormat(bits, scheme, signed, new Granularity.PerTensor());
    }
}
