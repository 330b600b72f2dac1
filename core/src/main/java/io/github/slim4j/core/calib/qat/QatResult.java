package io.github.slim4j.core.calib.qat;

import io.github.slim4j.core.quant.QuantizationReport;

/**
 * What quantization-aware training did.
 *
 * @param epochsCompleted full passes over the data kept; an interrupted epoch is undone
 * @param epochsRequested passes asked for
 * @param lastLoss        the loss of the last training step, NaN when none ran
 * @param quantization    the weights' formats, codes and errors after training
 * @param complete        false when an interrupt stopped training before the last epoch ended
 */
public record QatResult(int epochsCompleted, int epochsRequested, double lastLoss, QuantizationReport quantization,
                        boolean complete) {
}
