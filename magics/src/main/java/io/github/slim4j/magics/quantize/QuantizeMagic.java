package io.github.slim4j.magics.quantize;

import static io.github.slim4j.magics.quantize.QuantizeOptions.*;

import io.github.slim4j.core.fold.BatchNormFolding;
import io.github.slim4j.core.fold.FoldedPair;
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
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * {@code %quantize}: weights to integer, fixed-point, power-of-two, float or reduced-mantissa
 * formats; mixed precision under a bit budget; or a sweep of error against bit width.
 */
public final class QuantizeMagic implements Magic {

    private static final Syntax SYNTAX = Syntax.builder("quantize", "Quantize weights: any format, mixed precision under a budget, or a sweep of widths")
            .description("""
                    Stores each selected weight tensor in a narrower format and puts the values it \
                    stands for back in the model (simulated quantization: the model computes with \
                    exactly what the codes mean, and stays trainable). The codes and scales are \
                    kept with the model: `%model`, `%bitwidth` and `%compare` count their true \
                    storage, and `Quantizations.of(ModelHandle.of(x))` gives them to Java.

                    Defaults: int8, symmetric, per channel (along each tensor's output dimension), \
                    weights only; biases and normalization stay float32 unless `--params all`. \
                    Integer quantization is PyTorch's, bit for bit: scale from the range \
                    (including 0), codes `clamp(zp + rint(x × (1/scale)))` rounding half to even.

                    Formats: `int`/`uint` at `--bits` 2–16 with `--scheme` and `--granularity` \
                    (`tensor`, `channel`, `group:G` along the input dimension); `fixed:Qm.n` \
                    (scale 2^-n, 1+m+n bits); `pow2` (±2^k or zero, shifts instead of \
                    multiplies); `fp16`, `bf16`, `fp8-e4m3` (saturates at ±448), `fp8-e5m2`; \
                    `mantissa:M[:E]` (float32 rounded to M mantissa bits, E exponent bits). \
                    `--layers` gives layers their own formats.

                    `--range` chooses each int/uint slice's range: `minmax` (the default, \
                    PyTorch's observers), `mse` (the clip α·[min, max], α from 1 down to 0.3 in \
                    steps of 0.005, with the least squared error of the slice's own \
                    quantize-dequantize) or `percentile:P` (the P-th percentile of |w|, or the \
                    (100 − P)-th and P-th of w when affine). Clipping a few outliers gives the \
                    bulk of the weights finer steps; the format shows it: `int4:mse`, `int4:p99.9`.

                    `--budget AVG_BITS --data VAL` chooses a width from 2 to 8 bits for each \
                    tensor, by its measured effect on accuracy, to fit the average; \
                    `--sweep FROM..TO` measures error (and accuracy with `--data`) at each width \
                    and leaves the model as it was.

                    On a model loaded from ONNX (bound for ONNX Runtime), 8-bit signed weights keep \
                    to 7 bits (codes −64…63, stored as int8), as ONNX Runtime's `reduce_range`: its \
                    x86 kernels sum pairs of uint8 × int8 products in int16, which saturates with \
                    full-range weights on CPUs without VNNI, and the exported model would lose \
                    accuracy the simulation does not show. `--full-range` keeps all 8 bits. Batch \
                    normalization right after a convolution or dense layer is folded into it first \
                    (a ComputationGraph becomes a new one, kept in MODEL or `--as NAME`), as \
                    PyTorch and ONNX Runtime do before quantizing; `--keep-bn` keeps it.

                    `--activations` fake-quantizes activations as well, at every point `%calibrate` \
                    measured, with its method's ranges (`--bits` sets their width): the result is a \
                    new network (W8A8, W4A8, ... with the weights as they are), kept in `--as NAME` or \
                    in MODEL's variable.""")
            .positional(MODEL)
            .option(BITS).option(SCHEME).option(GRANULARITY).option(RANGE).option(AXIS).option(FORMAT).option(LAYERS).option(PARAMS)
            .option(BUDGET).option(DATA).option(SWEEP)
            .flag(ACTIVATIONS)
            .flag(KEEP_BN).flag(FULL_RANGE)
            .option(AS).option(ChartFormat.OPTION)
            .rule(new Rule.AtMostOne(List.<Parameter>of(BUDGET, SWEEP)))
            .rule(Rule.Requires.present(BUDGET, DATA))
            .rule(new Rule.AtMostOne(List.<Parameter>of(BUDGET, BITS)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(SWEEP, BITS)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(BUDGET, LAYERS)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(SWEEP, LAYERS)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(SWEEP, AS)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(ACTIVATIONS, BUDGET)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(ACTIVATIONS, SWEEP)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(ACTIVATIONS, LAYERS)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(ACTIVATIONS, FORMAT)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(ACTIVATIONS, GRANULARITY)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(ACTIVATIONS, RANGE)))
            .example("%quantize net")
            .example("%quantize net --bits 4 --granularity group:32 --as q4")
            .example("%quantize net --bits 4 --range mse --as q4mse")
            .example("%quantize net --format fp8-e4m3 --as q8f")
            .example("%quantize net --layers \"fc1=int4:group32,out=int8\" --as mixed")
            .example("%quantize net --budget 4.5 --data validation --as budget")
            .example("%quantize net --sweep 2..8 --data test")
            .example("%quantize net --activations --as w8a8")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        boolean budget = arguments.optional(BUDGET).isPresent();
        boolean sweep = arguments.optional(SWEEP).isPresent();
        if (arguments.optional(DATA).isPresent() && !budget && !sweep) {
            throw new MagicException("%quantize: --data goes with --budget or --sweep (see %help quantize)");
        }
        if (arguments.isSet(ACTIVATIONS)) {
            return ActivationQuantize.run(model.value(), model.name(), arguments, context).table();
        }
        Optional<String> copyName = arguments.optional(AS);
        ModelHandle quantized = ResultVariable.target(model.value(), model.name(), copyName);
        String name = copyName.orElse(model.name());
        List<FoldedPair> folds = arguments.isSet(KEEP_BN) ? List.of() : BatchNormFolding.pairs(quantized);
        if (!folds.isEmpty()) {
            // Folding builds a new graph; MODEL keeps the old one until the quantization succeeds.
            quantized = BatchNormFolding.fold(quantized);
            context.out().note("Folded " + folds.size() + " batch normalization layer" + (folds.size() == 1 ? "" : "s")
                    + " into the layer before each, as PyTorch's fuse_modules does, so the weights quantized are the ones "
                    + "inference uses (`--keep-bn` keeps them).");
        }
        ModeRun run;
        if (budget) {
            run = BudgetQuantize.run(quantized, name, arguments, context);
        } else if (sweep) {
            run = SweepQuantize.run(quantized, name, arguments, context);
        } else {
            run = OneFormatQuantize.run(quantized, name, arguments, context);
        }
        if (copyName.isPresent() || (!folds.isEmpty() && !sweep)) {
            context.define(name, quantized);
        }
        run.interruptedKeeping().ifPresent(keeping -> {
            throw new MagicException("%quantize: interrupted; " + keeping);
        });
        return run.table();
    }
}
