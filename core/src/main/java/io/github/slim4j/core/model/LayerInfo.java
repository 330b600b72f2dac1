package io.github.slim4j.core.model;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One layer of a model.
 *
 * @param index position in {@link ModelHandle#layers()}, from 0
 * @param name the configured DL4J layer or vertex name, the layer index when none was set, or the
 *     tensor-name prefix for tensor maps
 * @param type DL4J's configuration class simple name, e.g. "DenseLayer", "OutputLayer",
 *     "ConvolutionLayer"; "tensor" for tensor maps and single tensors
 * @param nIn input size, when the layer declares one
 * @param nOut output size, when the layer declares one
 * @param activation the activation function's name, e.g. "relu", when the layer has one
 */
public record LayerInfo(int index, String name, String type, OptionalLong nIn, OptionalLong nOut,
        Optional<String> activation) {

    static final String TENSOR_TYPE = "tensor";

    static LayerInfo tensor(int index, String name) {
        return new LayerInfo(index, name, TENSOR_TYPE, OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
    }
}
