package io.github.slim4j.core.summary;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.stats.TensorStats;
import java.util.List;

/**
 * A model's size at a glance, over all its parameter tensors (weights, biases, normalization).
 *
 * @param parameters elements over all parameter tensors
 * @param nonZeros elements that are not exactly zero
 * @param storageBytes storage as estimated by {@link StorageEstimate}
 * @param meanBitsPerWeight storage bits per parameter element; 0 for a model without parameters
 */
public record ModelSummary(long parameters, long nonZeros, long storageBytes, double meanBitsPerWeight) {

    public static ModelSummary of(ModelHandle model) {
        List<ParamTensor> tensors = model.parameters();
        long parameters = 0;
        long nonZeros = 0;
        for (ParamTensor p : tensors) {
            parameters += p.length();
            nonZeros += TensorStats.of(p.values()).nonZeros();
        }
        StorageEstimate storage = StorageEstimate.dense(tensors);
        return new ModelSummary(parameters, nonZeros, storage.bytes(), storage.bitsPer(parameters));
    }
}
