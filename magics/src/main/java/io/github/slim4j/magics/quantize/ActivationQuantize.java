package io.github.slim4j.magics.quantize;

import io.github.slim4j.core.calib.Calibration;
import io.github.slim4j.core.calib.Calibrations;
import io.github.slim4j.core.calib.PointReport;
import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.calib.inference.FakeQuantLayer;
import io.github.slim4j.core.calib.inference.FloatOutput;
import io.github.slim4j.core.calib.inference.SimulatedNetwork;
import io.github.slim4j.core.calib.inference.SimulatedQuantization;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.grammar.Arguments;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.util.List;

/**
 * {@code %quantize NET --activations [--bits B]}: the network with every calibrated point's
 * activations fake-quantized, with the ranges its calibration's method chooses on a B-bit grid (by
 * default the grid it was calibrated for). A DL4J network cannot grow layers in place, so the
 * result is a new network: kept in NAME with {@code --as}, else in the variable that held the
 * network. Its weights, their quantization records and its masks are the original's.
 */
final class ActivationQuantize {

    private ActivationQuantize() {
    }

    static ModeRun run(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        Calibration calibration = Calibrations.of(model).orElseThrow(() -> new MagicException("%quantize: --activations needs "
                + name + "'s activation ranges; calibrate it first: %calibrate " + name + " --data ITER"));
        IntegerFormat calibrated = calibration.format();
        IntegerFormat format = arguments.optional(QuantizeOptions.BITS)
                .map(bits -> new IntegerFormat(Math.toIntExact(bits), calibrated.scheme(), calibrated.signed(), calibrated.granularity()))
                .orElse(calibrated);
        List<PointReport> reports = calibration.statistics().report(calibration.method(), format);
        SimulatedNetwork simulated = SimulatedQuantization.build(model, ActivationQuantization.of(reports, format));
        String result = arguments.optional(QuantizeOptions.AS).orElse(name);
        Table table = table("activation quantization of " + result + " (" + calibration.method().text() + ", " + format.name() + ")",
                simulated);
        context.out().table(table);
        context.define(result, simulated.model());
        return ModeRun.finished(table);
    }

    private static Table table(String title, SimulatedNetwork simulated) {
        StringColumn point = StringColumn.create("point");
        StringColumn layer = StringColumn.create("fake-quantized by");
        StringColumn format = StringColumn.create("format");
        DoubleColumn scale = DoubleColumn.create("scale");
        IntColumn zeroPoint = IntColumn.create("zero point");
        StringColumn note = StringColumn.create("note");
        simulated.input().ifPresent(input -> row(point, layer, format, scale, zeroPoint, note, "input", "the input preprocessor", input, ""));
        for (FakeQuantLayer inserted : simulated.fakeQuantLayers()) {
            row(point, layer, format, scale, zeroPoint, note, inserted.point(), inserted.name(), inserted.quantization(), "");
        }
        for (FloatOutput kept : simulated.inFloat()) {
            point.append(kept.name());
            layer.append("");
            format.append("float32");
            scale.appendMissing();
            zeroPoint.appendMissing();
            note.append(kept.reason());
        }
        scale.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(6));
        return Table.create(title, point, layer, format, scale, zeroPoint, note);
    }

    private static void row(StringColumn point, StringColumn layer, StringColumn format, DoubleColumn scale, IntColumn zeroPoint,
            StringColumn note, String pointName, String by, ActivationQuantization quantization, String why) {
        point.append(pointName);
        layer.append(by);
        format.append(quantization.format().name());
        scale.append(quantization.scale());
        zeroPoint.append(quantization.zeroPoint());
        note.append(why);
    }
}
