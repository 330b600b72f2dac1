package io.github.slim4j.core.quant;

import io.github.slim4j.core.prune.Selection;

/**
 * One quantization of a model: the format of every selected tensor, the default unless a layer
 * rule says otherwise. Biases and normalization parameters stay float32 unless the selection takes
 * them ({@code TensorKinds.ALL}).
 */
public record QuantizeSpec(WeightFormat defaultFormat, LayerFormats layers, Selection selection) { }
