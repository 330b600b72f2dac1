package io.github.slim4j.onnx.export;

import io.github.slim4j.core.calib.inference.ActivationQuantization;

/**
 * An activation an export quantized.
 *
 * @param point the quantization point (a vertex of the graph, or its input)
 * @param value the ONNX value that holds the dequantized activation
 * @param codes the ONNX value that holds its integer codes, between QuantizeLinear and DequantizeLinear
 * @param quantization its format, scale and zero point
 */
public record ExportedActivation(String point, String value, String codes, ActivationQuantization quantization) {
}
