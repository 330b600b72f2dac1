package io.github.slim4j.magics.calibrate;

import static io.github.slim4j.magics.calibrate.CalibrateOptions.*;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.ResultVariable;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Parameter;
import io.github.slim4j.magics.grammar.Rule;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.render.ChartFormat;
import io.github.slim4j.magics.train.LearningRateOption;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * {@code %calibrate}: activation ranges measured on data and chosen by a method; the comparison
 * of methods from one pass; and the steps that win accuracy back (equalization, bias correction,
 * quantization-aware training).
 */
public final class CalibrateMagic implements Magic {

    /** Options that only a network's calibration takes, refused for activations in hand. */
    private static final List<Parameter> NETWORK_ONLY = List.of(DATA, BATCHES, LAYER, METHODS, BIAS_CORRECTION, REF, EQUALIZE, QAT, TRAIN);

    private static final Syntax SYNTAX = Syntax.builder("calibrate", "Calibrate activations, compare methods, and win accuracy back")
            .description("""
                    `%calibrate NET --data ITER` runs the data through the network once and records, \
                    at every quantization point (the input, and each layer's output after its \
                    activation; in a ComputationGraph each vertex that computes new values), the \
                    minimum, the maximum, each batch's extremes and a fine histogram. \
                    The network keeps them: `%calibrate NET --method M` then chooses again without \
                    the data, and `--methods` compares every method at every point. The table gives \
                    each point's range, scale and zero point, and the clipped share and SQNR estimated \
                    from the histogram; a grid of the points' histograms (or one, `--layer L`) marks \
                    each range. With `--as NAME`, NAME is the network with its activations \
                    fake-quantized (as is `%quantize NET --activations`).

                    Methods: `mse` (the default: the clipping range of least expected squared \
                    error); `minmax` (PyTorch's default observer); `ema` (PyTorch's moving average, \
                    constant 0.01, or `ema:C`); `percentile:P` of the histogram; `entropy` \
                    (TensorRT's KL calibration over 2048 bins); `histogram` \
                    (PyTorch's HistogramObserver search). Grids: `--bits` 2–16 (default 8), affine \
                    and unsigned (PyTorch's quint8) by default, `--scheme symmetric` signed.

                    `--equalize` rescales channels of consecutive layers joined by ReLU so their \
                    weight ranges match (the function stays the same); `--bias-correction --ref FLOAT \
                    --data ITER` subtracts each layer's expected output error from its bias; \
                    `--qat --train ITER --epochs E` fine-tunes the quantized weights through their \
                    quantization (float master weights, straight-through gradients).

                    On an `INDArray` or a `List<INDArray>` of batches, `%calibrate X --method M` shows \
                    the range, scale and zero point the method chooses for those values; `--as NAME` \
                    keeps them quantized and dequantized.""")
            .positional(MODEL)
            .option(DATA).option(METHOD).option(BITS).option(SCHEME).option(DTYPE).option(BATCHES).option(LAYER)
            .flag(METHODS).flag(EQUALIZE).flag(BIAS_CORRECTION).option(REF).flag(QAT).option(TRAIN).option(EPOCHS).option(LearningRateOption.LR)
            .option(AS).option(ChartFormat.OPTION)
            .rule(new Rule.AtMostOne(List.<Parameter>of(METHODS, EQUALIZE, BIAS_CORRECTION, QAT)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(BITS, DTYPE)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(METHODS, AS)))
            .rule(Rule.Requires.present(QAT, TRAIN))
            .rule(Rule.Requires.present(LearningRateOption.LR, QAT))
            .rule(Rule.Requires.present(BIAS_CORRECTION, REF))
            .rule(Rule.Requires.present(BIAS_CORRECTION, DATA))
            .example("%calibrate net --data validation")
            .example("%calibrate net --method mse")
            .example("%calibrate net --methods")
            .example("%calibrate net --data validation --method percentile:99.99 --as w8a8")
            .example("%calibrate q4 --bias-correction --ref net --data validation")
            .example("%calibrate q4 --qat --train train --epochs 2")
            .example("%calibrate activations --method entropy --as clipped")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<CalibrationSubject> subject = arguments.get(MODEL);
        ModeRun run;
        if (subject.value() instanceof CalibrationSubject.Activations activations) {
            refuseNetworkOptions(subject.name(), activations, arguments);
            run = TensorCalibrate.run(activations, subject.name(), arguments, context);
        } else {
            run = network(((CalibrationSubject.Network) subject.value()).model(), subject.name(), arguments, context);
        }
        run.interruptedKeeping().ifPresent(keeping -> {
            throw new MagicException("%calibrate: interrupted; " + keeping);
        });
        return run.table();
    }

    private static ModeRun network(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        if (arguments.isSet(METHODS)) {
            return MethodComparison.run(model, name, arguments, context);
        }
        if (arguments.isSet(EQUALIZE) || arguments.isSet(QAT) || arguments.isSet(BIAS_CORRECTION)) {
            Optional<String> copyName = arguments.optional(AS);
            ModelHandle changed = ResultVariable.target(model, name, copyName);
            String changedName = copyName.orElse(name);
            ModeRun run;
            if (arguments.isSet(EQUALIZE)) {
                run = NetworkRewrites.equalize(changed, changedName, context);
            } else if (arguments.isSet(QAT)) {
                run = NetworkRewrites.qat(changed, changedName, arguments, context);
            } else {
                run = NetworkRewrites.biasCorrection(changed, changedName, arguments, context);
            }
            copyName.ifPresent(copy -> context.define(copy, changed));
            return run;
        }
        if (arguments.optional(DATA).isPresent()) {
            return NetworkCalibrate.pass(model, name, arguments, context);
        }
        return NetworkCalibrate.rechoose(model, name, arguments, context);
    }

    private static void refuseNetworkOptions(String name, CalibrationSubject.Activations activations, Arguments arguments) {
        for (Parameter parameter : NETWORK_ONLY) {
            if (arguments.has(parameter)) {
                throw new MagicException("%calibrate: " + parameter.label() + " works on a network; " + name + " holds activations ("
                        + (activations.single() ? "an INDArray" : "a List<INDArray>") + "), which take --method, --bits, --scheme, --dtype and --as");
            }
        }
    }
}
