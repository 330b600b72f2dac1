package io.github.slim4j.core.calib.inference;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.calib.PointReport;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one quantization point's activations are quantized: an integer format and its parameters,
 * one scale and zero point for the whole tensor, as activations are quantized in PyTorch's static
 * quantization. The format's granularity plays no part; the parameters say it all.
 */
public record ActivationQuantization(IntegerFormat format, QParams qparams) {

    /**
     * @throws Slim4jException for parameters that are not per tensor, a scale that is not positive
     *     and finite, or a zero point outside the format's code range
     */
    public ActivationQuantization {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(qparams, "qparams");
        if (qparams.slices() != 1 || qparams.axis() != -1 || qparams.groupSize() != 0) {
            throw new Slim4jException("activation parameters must be one scale and zero point for the whole tensor, got "
                    + qparams);
        }
        float scale = qparams.scales()[0];
        if (!(scale > 0 && Float.isFinite(scale))) {
            throw new Slim4jException("an activation scale must be positive and finite, got " + scale);
        }
        int zeroPoint = qparams.zeroPoints()[0];
        if (zeroPoint < format.qmin() || zeroPoint > format.qmax()) {
            throw new Slim4jException("zero point " + zeroPoint + " is outside " + format.name() + "'s code range "
                    + format.qmin() + " to " + format.qmax());
        }
    }

    /** Each reported point's quantization on the format's grid, with the parameters its calibration chose, in report order. */
    public static Map<String, ActivationQuantization> of(List<PointReport> reports, IntegerFormat format) {
        Map<String, ActivationQuantization> quantizations = new LinkedHashMap<>();
        reports.forEach(report -> quantizations.put(report.point(), new ActivationQuantization(format, report.qparams())));
        return quantizations;
    }

    public float scale() {
        return qparams.scales()[0];
    }

    public int zeroPoint() {
        return qparams.zeroPoints()[0];
    }
}
