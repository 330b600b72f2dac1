package io.github.slim4j.core.quant;

import java.util.List;

/** What a quantization did, tensor by tensor, in model order. */
public record QuantizationReport(List<TensorQuantization> tensors) {

    public QuantizationReport {
        tensors = List.copyOf(tensors);
    }
}
