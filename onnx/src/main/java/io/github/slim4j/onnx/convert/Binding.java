package io.github.slim4j.onnx.convert;

import io.github.slim4j.core.model.ParamKind;
import io.github.slim4j.core.model.WeightAxes;

/**
 * An ONNX initializer held by a parameter of the DL4J graph.
 *
 * @param name the tensor's name: the initializer's, unless another parameter holds the same
 *     initializer (see {@link Conversion#bind})
 * @param initializer the initializer's (or Constant node output's) name in the ONNX graph
 * @param vertex the DL4J layer vertex that holds it
 * @param key DL4J's parameter key in that layer ("W", "b", "gamma", ...)
 * @param layout how the DL4J parameter lays out the ONNX tensor
 * @param kind what the tensor does
 * @param axes the input and output axes in the ONNX layout
 */
record Binding(String name, String initializer, String vertex, String key, ParamLayout layout, ParamKind kind, WeightAxes axes) {
}
