package io.github.slim4j.core.calib;

import io.github.slim4j.core.quant.IntegerFormat;

/**
 * A network's activation calibration: the statistics of one pass over calibration data, and the
 * method and grid chosen from them last, which {@code %quantize --activations} uses unless told
 * other bits.
 *
 * @param statistics every point's statistics; not recorded into any more once kept
 * @param batches    the batches the pass recorded
 * @param complete   false when an interrupt cut the pass short (the statistics hold the batches done)
 * @param method     the method chosen last
 * @param format     the activations' integer grid chosen last
 */
public record Calibration(ActivationCalibration statistics, long batches, boolean complete, CalibrationMethod method, IntegerFormat format) {

    /** The same statistics with another choice. */
    public Calibration choosing(CalibrationMethod otherMethod, IntegerFormat otherFormat) {
        return new Calibration(statistics, batches, complete, otherMethod, otherFormat);
    }
}
