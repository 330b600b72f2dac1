package io.github.slim4j.magics.model;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.stats.TensorStats;

import java.util.List;
import java.util.stream.IntStream;

/** A parameter tensor with its statistics, measured once for both the table and the histogram. */
record MeasuredTensor(ParamTensor tensor, TensorStats stats) {

    static List<MeasuredTensor> of(List<ParamTensor> tensors) {
        List<TensorStats> stats = TensorStats.ofEach(tensors.stream().map(ParamTensor::values).toList());
        return IntStream.range(0, tensors.size()).mapToObj(i -> new MeasuredTensor(tensors.get(i), stats.get(i))).toList();
    }
}
