package io.github.slim4j.core.quant.error;

/**
 * How far one tensor is from its reference.
 *
 * @param mse         mean squared error
 * @param sqnrDb      signal-to-quantization-noise ratio, {@code 10 log10(Σref² / Σ(ref − x)²)};
 *                    positive infinity when the tensors are equal
 * @param maxAbsError the largest |ref − x|
 * @param cosine      cosine similarity of the two as vectors (1 when equal; 1 for two zero tensors)
 */
public record TensorError(String layer, String tensor, long parameters, double mse, double sqnrDb, double maxAbsError, double cosine) { }
