package io.github.slim4j.magics.model;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.stats.TensorStats;

import java.util.List;

/** A parameter tensor with its statistics, measured once for both the table and the histogram. */
record MeasuredTensor(ParamTensor tensor, TensorStats stats) {

    static List<MeasuredTensor> of(List<ParamTensor> tensors) {
        return tensors.stream().map(tensor -> new MeasuredTensor(tensor, TensorStats.of(tensor.values()))).toList();
    }
}
