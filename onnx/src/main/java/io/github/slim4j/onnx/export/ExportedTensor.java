package io.github.slim4j.onnx.export;

/**
 * One tensor as an export wrote it.
 *
 * @param name the weight's or activation's name
 * @param kind "weight", "bias", "normalization", "activation" or "input"
 * @param storedAs what the file holds: "float32", "int8 per channel (axis 0)", "uint8 QDQ"...
 * @param bytes the bytes the file spends on it: values or codes, scales and zero points
 */
public record ExportedTensor(String name, String kind, String storedAs, long bytes) {
}
