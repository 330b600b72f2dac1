package io.github.slim4j.magics.parity;

import io.github.slim4j.core.calib.Calibration;
import io.github.slim4j.core.calib.Calibrations;
import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.calib.inference.FakeQuantLayers;
import io.github.slim4j.core.calib.inference.SimulatedQuantization;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Bound;
import io.github.slim4j.magics.grammar.IntegerRange;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.Text;
import io.github.slim4j.magics.render.ChartFormat;
import io.github.slim4j.magics.render.ProgressBar;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.export.ExportOptions;
import io.github.slim4j.onnx.export.ExportedModel;
import io.github.slim4j.onnx.export.OnnxExport;
import io.github.slim4j.onnx.parity.Parity;
import io.github.slim4j.onnx.parity.ParityReport;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import tech.tablesaw.api.Table;

/** {@code %parity MODEL [FILE] --data ITER}: the simulation against ONNX Runtime, layer by layer. */
public final class ParityMagic implements Magic {

    private static final Positional<Bound<ModelHandle>> MODEL = Positional.one("MODEL", VariableKinds.NETWORK,
            "a quantized model loaded from ONNX: calibrated (%calibrate), or simulated (%quantize --activations)");
    private static final Positional<String> FILE = Positional.optional("FILE", new Text("FILE", "a path to an .onnx file"),
            "MODEL's export to check (default: export MODEL in memory)");
    private static final Option<Bound<DataSetIterator>> DATA = Option.required("--data", VariableKinds.DATA,
            "examples to run through both; labels give the accuracies");
    private static final Option<Long> BATCHES = Option.of("--batches", new IntegerRange(1, Integer.MAX_VALUE, "N"),
            "compare on the first N batches only (default: one whole pass)");

    private static final Syntax SYNTAX = Syntax.builder("parity", "Compare the simulated quantized model with its export in ONNX Runtime")
            .description("""
                    Runs the same batches through MODEL's simulation on the JVM (fake-quantized \
                    activations, as `%quantize --activations` builds it) and through its ONNX \
                    export in ONNX Runtime, which fuses QDQ pairs into integer kernels. At every \
                    quantized activation it compares ONNX Runtime's integer codes with the \
                    simulation's: the largest difference in steps of that point's grid, and the \
                    share of codes one step or more apart, for each layer alone (the simulated \
                    layers fed ONNX Runtime's own values at the points before, so differences do \
                    not build up) and end to end. One step is rounding (float sums in another \
                    order, int32 biases); more is a real difference. Then the top-1 agreement of \
                    the two, and each one's accuracy. A cause is named where slim4j knows it, such as \
                    ONNX Runtime's u8×s8 kernels saturating with full-range int8 weights on a CPU \
                    without VNNI. Interrupting keeps the figures of the batches done.""")
            .positional(MODEL)
            .positional(FILE)
            .option(DATA)
            .option(BATCHES)
            .option(ChartFormat.OPTION)
            .example("%parity q cnn-int8.onnx --data test")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        Bound<ModelHandle> model = arguments.get(MODEL);
        ModelHandle simulated = simulated(model);
        if (!(simulated.unwrap() instanceof ComputationGraph graph) || simulated.origin().isEmpty()) {
            throw new MagicException("%parity: " + model.name() + " was not loaded from ONNX; %parity compares an imported model "
                    + "with its export (load it with %load)");
        }
        ExportedModel exported = OnnxExport.export(graph, ExportOptions.asIs());
        Optional<String> file = arguments.optional(FILE);
        if (file.isPresent()) {
            ModelProto written = OnnxFile.readExported(context.file(file.get()));
            if (!written.getGraph().equals(exported.model().getGraph())) {
                throw new MagicException("%parity: " + file.get() + " is not the export of " + model.name() + " as it is now; "
                        + "write it again with %export " + model.name() + " " + file.get());
            }
        }
        ProgressBar bar = context.out().progress("parity of " + model.name());
        ParityReport report = Parity.measure(graph, exported, arguments.get(DATA).value(),
                arguments.optional(BATCHES).orElse(Long.MAX_VALUE), bar);
        String figure = String.format("%,d examples, top-1 agreement %.2f%%", report.examples(), 100 * report.agreement());
        if (report.complete()) {
            bar.finish(figure);
        } else {
            bar.interrupted(report.examples(), -1, figure);
        }
        Table table = ParityTable.of("parity of " + model.name() + " with ONNX Runtime", report);
        context.out().table(table);
        context.out().table(ParityTable.summary(report));
        context.out().chart(ParityChart.of(model.name() + ": codes off by a step or more", report));
        if (!report.complete()) {
            throw new MagicException(String.format("%%parity: interrupted after %,d examples; the tables show those", report.examples()));
        }
        return table;
    }

    /** The model itself when it is a simulated network, else its simulation from the ranges its calibration chose. */
    private static ModelHandle simulated(Bound<ModelHandle> model) {
        if (!FakeQuantLayers.of(model.value()).isEmpty()) {
            return model.value();
        }
        Calibration calibration = Calibrations.of(model.value()).orElseThrow(() -> new MagicException("%parity: " + model.name()
                + " quantizes no activations; calibrate it first: %calibrate " + model.name() + " --data ITER"));
        Map<String, ActivationQuantization> points = ActivationQuantization.of(
                calibration.statistics().report(calibration.method(), calibration.format()), calibration.format());
        return SimulatedQuantization.build(model.value(), points).model();
    }
}
