package io.github.slim4j.magics.calibrate;

import io.github.slim4j.core.calib.ActivationCalibration;
import io.github.slim4j.core.calib.Calibration;
import io.github.slim4j.core.calib.CalibrationMethod;
import io.github.slim4j.core.calib.Calibrations;
import io.github.slim4j.core.calib.Observation;
import io.github.slim4j.core.calib.PointReport;
import io.github.slim4j.core.calib.inference.ActivationCapture;
import io.github.slim4j.core.calib.inference.ActivationQuantization;
import io.github.slim4j.core.calib.inference.CaptureResult;
import io.github.slim4j.core.calib.inference.FloatOutput;
import io.github.slim4j.core.calib.inference.QuantizationPoint;
import io.github.slim4j.core.calib.inference.QuantizationPoints;
import io.github.slim4j.core.calib.inference.SimulatedQuantization;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.ModeRun;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.render.ProgressBar;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code %calibrate NET --data ITER}: one pass that records every quantization point's statistics
 * and keeps them with the network; and {@code %calibrate NET --method M} without data, which
 * chooses again from what the network keeps. Both show each point's chosen range and its
 * histogram, and with {@code --as NAME} keep the simulated quantized network.
 */
final class NetworkCalibrate {
    /** Histograms to a row in the grid of points. */
    private static final int GRID_COLUMNS = 2;

    private NetworkCalibrate() {
    }

    static ModeRun pass(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        QuantizationPoints points = QuantizationPoints.of(model);
        Optional<String> layer = shownPoint(points, name, arguments);
        ActivationCalibration statistics = new ActivationCalibration();
        ProgressBar bar = context.out().progress("calibrating " + name);
        long batches = arguments.optional(CalibrateOptions.BATCHES).orElse(ActivationCapture.ALL_BATCHES);
        CaptureResult result = ActivationCapture.run(model, arguments.optional(CalibrateOptions.DATA).orElseThrow().value(), batches, statistics::record, bar);
        String figure = String.format(Locale.ROOT, "%,d batches, %,d examples, %d points", result.batches(), result.examples(),
                points.points().size());
        if (result.batches() == 0) {
            bar.interrupted(0, -1, figure);
            throw new MagicException("%calibrate: interrupted before the first batch; " + name + "'s calibration is as it was");
        }
        Calibration calibration = new Calibration(statistics, result.batches(), result.complete(),
                CalibrateOptions.method(arguments, CalibrateOptions.DEFAULT_METHOD), CalibrateOptions.format(arguments, CalibrateOptions.DEFAULT_FORMAT));
        Calibrations.put(model, calibration);
        bar.end(result.complete(), result.batches(), -1, figure);
        Table table = show(model, name, calibration, points.unsupported(), layer, arguments, context);
        return result.complete()
                ? ModeRun.finished(table)
                : ModeRun.interrupted(table, name + " keeps the statistics of the " + result.batches() + " batches recorded");
    }

    static ModeRun rechoose(ModelHandle model, String name, Arguments arguments, MagicContext context) {
        Calibration cached = cached(model, name, "choosing a method without --data");
        QuantizationPoints points = QuantizationPoints.of(model);
        Optional<String> layer = shownPoint(points, name, arguments);
        Calibration calibration = cached.choosing(CalibrateOptions.method(arguments, cached.method()),
                CalibrateOptions.format(arguments, cached.format()));
        Calibrations.put(model, calibration);
        return ModeRun.finished(show(model, name, calibration, points.unsupported(), layer, arguments, context));
    }

    /** The network's calibration. */
    static Calibration cached(ModelHandle model, String name, String what) {
        return Calibrations.of(model).orElseThrow(() -> new MagicException("%calibrate: " + what + " needs statistics, and " + name
                + " has not been calibrated; run %calibrate " + name + " --data ITER first"));
    }

    /**
     * The point --layer names, checked before any work is done.
     *
     * @throws MagicException when it is not one of the network's quantization points
     */
    private static Optional<String> shownPoint(QuantizationPoints points, String name, Arguments arguments) {
        Optional<String> layer = arguments.optional(CalibrateOptions.LAYER);
        if (layer.isPresent() && points.point(layer.get()).isEmpty()) {
            throw new MagicException("%calibrate: --layer '" + layer.get() + "' is not a quantization point of " + name + "; points are "
                    + points.points().stream().map(QuantizationPoint::name).collect(Collectors.joining(", ")));
        }
        return layer;
    }

    private static Table show(ModelHandle model, String name, Calibration calibration, List<FloatOutput> inFloat, Optional<String> layer,
            Arguments arguments, MagicContext context) {
        CalibrationMethod method = calibration.method();
        IntegerFormat format = calibration.format();
        List<PointReport> reports = calibration.statistics().report(method, format);
        Table table = ActivationTable.of("activation calibration of " + name + " (" + method.text() + ", " + format.name() + ")", reports);
        context.out().table(table);
        if (!inFloat.isEmpty()) {
            context.out().note("Left in float: " + inFloat.stream().map(each -> "`" + each.name() + "` (" + each.reason() + ")")
                    .collect(Collectors.joining(", ")) + ".");
        }
        Map<String, Observation> observations = calibration.statistics().observations();
        context.out().charts(reports.stream()
                .filter(report -> layer.isEmpty() || layer.get().equals(report.point()))
                .map(report -> ActivationHistogramChart.of(name + ": " + report.point() + " (" + method.text() + ")", report.point(),
                        observations.get(report.point()).histogram(), report.range()))
                .toList(), GRID_COLUMNS);
        arguments.optional(CalibrateOptions.AS).ifPresent(copy -> context.define(copy, simulated(model, reports, format)));
        return table;
    }

    /** The network with every calibrated point's activations fake-quantized on its grid. */
    static ModelHandle simulated(ModelHandle model, List<PointReport> reports, IntegerFormat format) {
        return SimulatedQuantization.build(model, ActivationQuantization.of(reports, format)).model();
    }
}
