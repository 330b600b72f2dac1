package io.github.slim4j.core.quant.sweep;

import java.util.OptionalDouble;

/**
 * The model quantized at one bit width.
 *
 * @param meanSqnrDb SQNR over all selected tensors together, {@code 10 log10(Σx² / Σ(x − x̂)²)}
 * @param accuracy   with data, the quantized model's accuracy
 */
public record SweepPoint(int bits, String format, double meanSqnrDb, double mse, OptionalDouble accuracy) { }
