package io.github.slim4j.magics.quantize;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.QuantizationReport;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.TensorQuantization;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.grammar.Arguments;
import tech.tablesaw.api.Table;

/** {@code %quantize MODEL [--bits ...] [--layers SPEC]}: every selected tensor to its format, now. */
final class OneFormatQuantize {

    private OneFormatQuantize() {
    }

    static ModeRun run(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        QuantizeSpec spec = new QuantizeSpec(QuantizeOptions.format(arguments), QuantizeOptions.layers(arguments),
                QuantizeOptions.selection(arguments));
        QuantizationReport report = Quantizer.quantize(model, spec);
        Table table = QuantizationTable.of("quantization of " + name, report);
        context.out().table(table);
        context.out().chart(SqnrBars.of(name + ": SQNR per tensor",
                report.tensors().stream().map(TensorQuantization::tensor).toList(),
                report.tensors().stream().map(TensorQuantization::sqnrDb).toList()));
        return ModeRun.finished(table);
    }
}
