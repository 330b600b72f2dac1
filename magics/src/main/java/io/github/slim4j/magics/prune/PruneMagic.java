package io.github.slim4j.magics.prune;

import static io.github.slim4j.magics.prune.PruneOptions.*;

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
 * {@code %prune}: one-shot pruning by magnitude, at random, by channel or N:M; gradual pruning on
 * the AGP schedule with fine-tuning; or a search that picks per-layer sparsities.
 */
public final class PruneMagic implements Magic {

    private static final Syntax SYNTAX = Syntax.builder("prune", "Prune a model: one-shot, on an AGP schedule, or by searching per-layer sparsities")
            .description("""
                    Sets weights to zero and keeps them there: a pruned DL4J network carries masks \
                    that zero the pruned weights again after every training update. Counts follow \
                    `torch.nn.utils.prune`: a fraction prunes round-half-even(S × n) weights, a \
                    whole number that many. S is the sparsity a tensor ends with, counting what \
                    earlier prunes removed, so pruning twice to the same S changes nothing.

                    Defaults: magnitude (`l1`, the smallest |w| go), unstructured, layer scope \
                    (each tensor to S), weights only (biases and normalization with `--params all`).

                    Three modes:
                    - **one-shot**: `--sparsity S` with a `--method`; `nm` needs no S (2:4 keeps 2 \
                    of every 4 weights along the input dimension);
                    - **AGP**: `--schedule agp --final S --steps K --train ITER` raises sparsity along \
                    Zhu & Gupta's cubic curve, fine-tuning `--epochs` after each step; an \
                    interrupt keeps the end of the last completed step;
                    - **search**: `--search --data VAL` with `--target S` (least accuracy loss at \
                    overall sparsity S) or `--max-drop D` (highest sparsity within D of the dense \
                    accuracy), by hill climbing over per-layer sparsities; an interrupt keeps the \
                    best point found.

                    **Removing channels**: `--remove` with `l1-structured` or `l2-structured` \
                    and `--sparsity S` cuts whole channels out of a MultiLayerNetwork or a model \
                    loaded from ONNX and makes a smaller model of the same kind: a narrower \
                    MultiLayerNetwork, or a new ComputationGraph over a new ONNX graph, which \
                    %export writes and ONNX Runtime runs faster. The new network keeps the \
                    training settings but starts with fresh updater state and no masks. Channels \
                    that depend on each other go together, as in Torch-Pruning: a layer's output \
                    channels with its bias, the batch normalization after it, the next layers' \
                    input channels (by blocks behind a Flatten, by offsets behind a Concat), a \
                    depthwise convolution's groups, and every layer joined by a residual Add. \
                    A channel's importance is the L1 (or L2) norm of the weights that make it, \
                    summed over its group's layers. `--scope layer` removes S of each group's \
                    channels; `--scope global` ranks all channels by importance over their \
                    group's mean and removes S of them all. Each group keeps one channel, and \
                    then a multiple of `--round-to` channels (default 8), since ONNX Runtime's \
                    vector and int8 kernels work on blocks of channels (its float ones on 8 with \
                    AVX2, 16 with AVX-512, and a layer reading fewer than a block runs a slower \
                    kernel; %benchmark names it): per layer by putting \
                    back its most important removed ones, globally by removing whole blocks of \
                    its weakest channels, ranked by their mean score, so that S is still \
                    removed. Channels stay \
                    where removing them would change the model's inputs or outputs, or where an \
                    operation slim4j does not rewrite uses them; the table of groups says why. \
                    Fine-tune the smaller model afterwards (%train), then quantize it. With \
                    `--schedule agp --final S` instead of `--sparsity`, channels go in `--steps` \
                    steps along the AGP curve, each smaller model fine-tuned on `--train` before \
                    the next step; an interrupt keeps the model of the last completed step.

                    Without `--as` the model is pruned in place (with `--remove`, NAME then holds \
                    the smaller model); a prune that fails changes nothing. The table shows each \
                    tensor's sparsity before and after, and the threshold (largest |w| or channel norm pruned) of a one-shot prune.""")
            .positional(MODEL)
            .option(SPARSITY).option(METHOD).option(NM).option(SCOPE).option(LAYERS).option(EXCLUDE).option(PARAMS)
            .option(DIM).option(SEED)
            .option(SCHEDULE).option(FINAL).option(STEPS).option(TRAIN).option(EPOCHS).option(LearningRateOption.LR)
            .flag(SEARCH).option(DATA).option(TARGET).option(MAX_DROP)
            .flag(REMOVE).option(ROUND_TO)
            .option(AS).option(ChartFormat.OPTION)
            .rule(new Rule.AtMostOne(List.of(SPARSITY, SCHEDULE, SEARCH)))
            .rule(Rule.Requires.present(SCHEDULE, FINAL))
            .rule(Rule.Requires.present(SCHEDULE, STEPS))
            .rule(Rule.Requires.present(SCHEDULE, TRAIN))
            .rule(Rule.Requires.present(SEARCH, DATA))
            .rule(new Rule.ExactlyOne(SEARCH, List.of(TARGET, MAX_DROP)))
            .rule(Rule.Requires.present(FINAL, SCHEDULE))
            .rule(Rule.Requires.present(STEPS, SCHEDULE))
            .rule(Rule.Requires.present(TRAIN, SCHEDULE))
            .rule(Rule.Requires.present(EPOCHS, SCHEDULE))
            .rule(Rule.Requires.present(LearningRateOption.LR, SCHEDULE))
            .rule(Rule.Requires.present(DATA, SEARCH))
            .rule(Rule.Requires.present(TARGET, SEARCH))
            .rule(Rule.Requires.present(MAX_DROP, SEARCH))
            .rule(new Rule.AtMostOne(List.<Parameter>of(SEARCH, METHOD)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(SEARCH, SCOPE)))
            .rule(Rule.Requires.value(NM, METHOD, "nm"))
            .rule(Rule.Requires.value(SEED, METHOD, "random"))
            .rule(Rule.Requires.value(DIM, METHOD, "l1-structured", "l2-structured"))
            .rule(Rule.Requires.value(REMOVE, METHOD, "l1-structured", "l2-structured"))
            .rule(new Rule.ExactlyOne(REMOVE, List.of(SPARSITY, SCHEDULE)))
            .rule(Rule.Requires.present(ROUND_TO, REMOVE))
            .rule(new Rule.AtMostOne(List.<Parameter>of(REMOVE, LAYERS)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(REMOVE, EXCLUDE)))
            .rule(new Rule.AtMostOne(List.<Parameter>of(REMOVE, DIM)))
            .example("%prune net --sparsity 0.5")
            .example("%prune net --sparsity 90% --scope global --as sparse")
            .example("%prune net --method nm --nm 2:4")
            .example("%prune net --method l2-structured --sparsity 0.25 --layers hidden")
            .example("%prune resnet --method l1-structured --sparsity 0.5 --scope global --remove --as smaller")
            .example("%prune net --schedule agp --final 0.9 --steps 8 --train train --epochs 1")
            .example("%prune resnet --method l1-structured --schedule agp --final 0.5 --steps 4 --train train --remove --as smaller")
            .example("%prune net --search --data validation --max-drop 1%")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        Optional<String> copyName = arguments.optional(AS);
        if (arguments.isSet(REMOVE)) {
            return ChannelRemovalPrune.run(model, copyName.orElse(model.name()), arguments, context);
        }
        ModelHandle pruned = ResultVariable.target(model.value(), model.name(), copyName);
        String name = copyName.orElse(model.name());
        ModeRun run;
        if (arguments.optional(SCHEDULE).isPresent()) {
            run = GradualPrune.run(pruned, name, arguments, context);
        } else if (arguments.isSet(SEARCH)) {
            run = SearchPrune.run(pruned, name, arguments, context);
        } else {
            run = OneShotPrune.run(pruned, name, arguments, context);
        }
        copyName.ifPresent(newName -> context.define(newName, pruned));
        run.interruptedKeeping().ifPresent(keeping -> {
            throw new MagicException("%prune: interrupted; " + keeping);
        });
        return run.table();
    }
}
