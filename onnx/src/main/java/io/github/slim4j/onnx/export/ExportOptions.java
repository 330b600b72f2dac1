package io.github.slim4j.onnx.export;

/**
 * How {@link OnnxExport} writes a model.
 *
 * @param floatWeights write every weight as float32, the dequantized values for quantized ones,
 *     and no activation quantization: a float model of what the notebook computed
 */
public record ExportOptions(boolean floatWeights) {

    /** What the model holds: quantized weights as integers, calibrated activations as QDQ pairs. */
    public static ExportOptions asIs() {
        return new ExportOptions(false);
    }
}
