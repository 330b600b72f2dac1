package io.github.slim4j.magics.quantize;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.QuantizationReport;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.WeightFormat;
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
        WeightFormat asked = QuantizeOptions.format(arguments);
        WeightFormat format = QuantizeOptions.forOnnxRuntime(asked, model.origin().isPresent(), arguments);
        QuantizeSpec spec = new QuantizeSpec(format, QuantizeOptions.layers(arguments), QuantizeOptions.selection(arguments));
        QuantizationReport report = Quantizer.quantize(model, spec);
        Table table = QuantizationTable.of("quantization of " + name, report);
        context.out().table(table);
        if (!format.equals(asked)) {
            context.out().note("Weights keep to 7 of int8's 8 bits (codes −64…63, stored as int8), as ONNX Runtime's reduce_range: "
                    + "its x86 kernels sum pairs of uint8 × int8 products in int16, which saturates with full-range weights on CPUs "
                    + "without VNNI. `--full-range` keeps all 8 bits (safe on VNNI CPUs; `%parity` shows what saturates).");
        }
        context.out().chart(SqnrBars.of(name + ": SQNR per tensor",
                report.tensors().stream().map(TensorQuantization::tensor).toList(),
                report.tensors().stream().map(TensorQuantization::sqnrDb).toList()));
        return ModeRun.finished(table);
    }
}
