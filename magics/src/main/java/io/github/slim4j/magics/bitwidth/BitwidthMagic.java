package io.github.slim4j.magics.bitwidth;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.stats.TensorStats;
import io.github.slim4j.core.summary.StoredTensor;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.render.ChartFormat;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.stream.IntStream;

/** {@code %bitwidth}: the format of every tensor, and the bytes each takes. */
public final class BitwidthMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.MODEL,
            "the model to look at");

    private static final Syntax SYNTAX = Syntax.builder("bitwidth", "Show each tensor's format, bits and bytes, and the compression")
            .description("""
                    One row per parameter tensor and one for the whole model: its format (a \
                    quantized format while the tensor still holds the values its codes stand for, \
                    else its dtype), bits per stored value, bits per weight with scales, zero points \
                    and sparse layouts counted, bytes, the float32 bytes, and the compression \
                    against float32. The chart stacks each layer's bytes by format.""")
            .positional(MODEL)
            .option(ChartFormat.OPTION)
            .example("%bitwidth q4")
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
        List<StoredTensor> stored = IntStream.range(0, tensors.size())
                .mapToObj(i -> StoredTensor.of(model.value(), tensors.get(i), stats.get(i)))
                .toList();
        Table table = BitwidthTable.of("bit widths of " + model.name(), tensors, stored);
        context.out().table(table);
        context.out().chart(BytesByFormatChart.of(model.name() + ": bytes by format", tensors, stored));
        return table;
    }
}
