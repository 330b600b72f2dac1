package io.github.slim4j.core.summary;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.stats.TensorStats;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's size at a glance, over all its parameter tensors (weights, biases, normalization).
 *
 * @param parameters elements over all parameter tensors
 * @param nonZeros elements that are not exactly zero
 * @param storageBytes storage of each tensor as {@link StoredTensor} counts it: quantized tensors as
 *     their codes and parameters, others at their dtype's width, each in its smallest encoding,
 *     dense or sparse
 * @param meanBitsPerWeight storage bits per parameter element; 0 for a model without parameters
 */
public record ModelSummary(long parameters, long nonZeros, long storageBytes, double meanBitsPerWeight) {

    public static ModelSummary of(ModelHandle model) {
        long parameters = 0;
        long nonZeros = 0;
        List<TensorStorage> tensors = new ArrayList<>();
        List<ParamTensor> params = model.parameters();
        List<TensorStats> stats = TensorStats.ofEach(params.stream().map(ParamTensor::values).toList());
        for (int i = 0; i < params.size(); i++) {
            parameters += params.get(i).length();
            nonZeros += stats.get(i).nonZeros();
            tensors.add(StoredTensor.of(model, params.get(i), stats.get(i)).storage());
        }
        StorageEstimate storage = StorageEstimate.sum(tensors);
        return new ModelSummary(parameters, nonZeros, storage.bytes(), storage.bitsPer(parameters));
    }
}
