package io.github.slim4j.magics.sparsity;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.prune.SparsityBars;
import io.github.slim4j.magics.render.ChartFormat;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/** {@code %sparsity}: how sparse a model is, tensor by tensor, and what that saves in storage. */
public final class SparsityMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.MODEL,
            "the model to look at");

    private static final Syntax SYNTAX = Syntax.builder("sparsity", "Show a model's sparsity per tensor and the storage it saves")
            .description("""
                    One row per parameter tensor and one for the whole model: non-zeros, sparsity \
                    (the share of exact zeros), the entries slim4j's masks hold at zero in a \
                    pruned DL4J network (empty for models without masks), and storage: dense \
                    bytes against the bytes of the smallest encoding, dense, bitmask (a bit per \
                    entry plus the non-zeros) or CSR (row pointers, column indices and the \
                    non-zeros). The chart shows the sparsity of each weight tensor.""")
            .positional(MODEL)
            .option(ChartFormat.OPTION)
            .example("%sparsity net")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        List<ParamTensor> tensors = model.value().parameters();
        List<TensorStats> stats = TensorStats.ofEach(tensors.stream().map(ParamTensor::values).toList());
        Table table = SparsityTable.of("sparsity of " + model.name(), model.value(), tensors, stats, Masks.of(model.value()));
        context.out().table(table);
        List<String> weights = new ArrayList<>();
        List<Double> sparsities = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).kind().isWeight()) {
                weights.add(tensors.get(i).qualifiedName());
                sparsities.add(stats.get(i).sparsity());
            }
        }
        if (!weights.isEmpty()) {
            context.out().chart(SparsityBars.of(model.name() + ": sparsity per weight tensor", weights, sparsities));
        }
        return table;
    }
}
