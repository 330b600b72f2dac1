package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The statistics of every quantization point of a network, recorded in one pass over calibration
 * data: the cache from which any {@link CalibrationMethod} chooses every point's range for any
 * integer grid, without the data. Points keep the order in which they were first recorded.
 *
 * <p>Activations are quantized per tensor, as PyTorch's activation observers do: a format's
 * granularity is not read here, only its bits, scheme and signedness.
 */
public final class ActivationCalibration {
    private final Map<String, PointStatistics> points = new LinkedHashMap<>();

    /** A calibration holding these observations, point by point in their order, as read back from a file. */
    public static ActivationCalibration of(Map<String, Observation> observations) {
        ActivationCalibration calibration = new ActivationCalibration();
        observations.forEach((point, observation) -> calibration.points.put(point, PointStatistics.of(observation)));
        return calibration;
    }

    /**
     * Adds a batch of the activations at {@code point}, creating the point on its first batch.
     *
     * @throws Slim4jException when the batch holds NaN or infinite values, with the count (the
     *     caller, who knows where the batch came from, names it); what was recorded stays as it was
     */
    public void record(String point, INDArray batch) {
        PointStatistics known = points.get(point);
        PointStatistics statistics = known == null ? new PointStatistics() : known;
        statistics.record(batch);
        // Only now: a point whose first batch was refused does not exist.
        points.putIfAbsent(point, statistics);
    }

    /** The statistics recorded at each point so far, frozen, in point order. */
    public Map<String, Observation> observations() {
        Map<String, Observation> observations = new LinkedHashMap<>();
        points.forEach((name, statistics) -> observations.put(name, statistics.snapshot()));
        return Collections.unmodifiableMap(observations);
    }

    /** Each point's parameters on the format's grid as the method chooses them, in point order. */
    public Map<String, QParams> choose(CalibrationMethod method, IntegerFormat format) {
        Map<String, QParams> qparams = new LinkedHashMap<>();
        report(method, format).forEach(report -> qparams.put(report.point(), report.qparams()));
        return Collections.unmodifiableMap(qparams);
    }

    /** Each point's choice by the method on the format's grid, with its estimated error, in point order. */
    public List<PointReport> report(CalibrationMethod method, IntegerFormat format) {
        List<PointReport> reports = new ArrayList<>();
        observations().forEach((name, observation) -> reports.add(report(name, observation, method, format)));
        return List.copyOf(reports);
    }

    /** Every method's choice at every point on the format's grid, with estimated errors. */
    public MethodTable methodTable(List<CalibrationMethod> methods, IntegerFormat format) {
        Map<String, Observation> observations = observations();
        List<PointReport> cells = new ArrayList<>();
        observations.forEach((name, observation) -> methods.forEach(method -> cells.add(report(name, observation, method, format))));
        return new MethodTable(List.copyOf(observations.keySet()), methods, cells);
    }

    private static PointReport report(String point, Observation observation, CalibrationMethod method, IntegerFormat format) {
        ActivationRange range = method.choose(observation, format);
        return new PointReport(point, method, range, range.qparams(format), ErrorEstimate.of(observation, format, range));
    }
}
