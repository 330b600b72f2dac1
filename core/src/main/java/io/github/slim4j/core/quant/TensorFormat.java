package io.github.slim4j.core.quant;

import io.github.slim4j.core.model.ParamTensor;

/** One tensor of a model and the format it is to be quantized to. */
public record TensorFormat(ParamTensor tensor, WeightFormat format) {
}
