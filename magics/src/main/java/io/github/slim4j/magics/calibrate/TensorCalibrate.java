package io.github.slim4j.magics.calibrate;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.calib.ActivationCalibration;
import io.github.slim4j.core.calib.PointReport;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.grammar.Arguments;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * {@code %calibrate X --method M} on activations in hand: the range, scale and zero point the
 * method chooses for them, batch after batch as a calibration pass would see them; with
 * {@code --as NAME}, NAME holds X quantized and dequantized with the final parameters, of X's kind.
 */
final class TensorCalibrate {

    private TensorCalibrate() {
    }

    static ModeRun run(CalibrationSubject.Activations activations, String name, Arguments arguments, MagicContext context) {
        IntegerFormat format = CalibrateOptions.format(arguments, CalibrateOptions.DEFAULT_FORMAT);
        ActivationCalibration statistics = new ActivationCalibration();
        for (int i = 0; i < activations.batches().size(); i++) {
            try {
                statistics.record(name, activations.batches().get(i));
            } catch (Slim4jException refused) {
                throw new Slim4jException(name + (activations.single() ? "" : " batch " + (i + 1)) + ": " + refused.getMessage(), refused);
            }
        }
        PointReport report = statistics.report(CalibrateOptions.method(arguments, CalibrateOptions.DEFAULT_METHOD), format).get(0);
        Table table = ActivationTable.of("calibration of " + name + " (" + report.method().text() + ", " + format.name() + ")", List.of(report));
        context.out().table(table);
        context.out().chart(ActivationHistogramChart.of(name + " (" + report.method().text() + ")", name,
                statistics.observations().get(name).histogram(), report.range()));
        arguments.optional(CalibrateOptions.AS).ifPresent(copy -> {
            List<INDArray> quantized = activations.batches().stream().map(batch -> fakeQuantized(batch, format, report.qparams())).toList();
            if (activations.single()) {
                context.notebook().define(copy, INDArray.class.getName(), quantized.get(0));
            } else {
                context.notebook().define(copy, "java.util.List<" + INDArray.class.getName() + ">", quantized);
            }
        });
        return ModeRun.finished(table);
    }

    private static INDArray fakeQuantized(INDArray batch, IntegerFormat format, QParams qparams) {
        INDArray copy = batch.dup();
        format.fakeQuantize(copy, qparams);
        return copy;
    }
}
