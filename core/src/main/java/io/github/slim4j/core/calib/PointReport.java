package io.github.slim4j.core.calib;

import io.github.slim4j.core.quant.QParams;

/**
 * What a calibration method chose for one quantization point, and the error it is estimated to give
 * on the recorded activations.
 *
 * @param point the quantization point's name
 * @param method the method that chose
 * @param range the range chosen
 * @param qparams PyTorch's parameters for that range on the target grid
 * @param error clipped share, mean squared error and SQNR, estimated from the histogram
 */
public record PointReport(String point, CalibrationMethod method, ActivationRange range, QParams qparams, ErrorEstimate error) {
}
