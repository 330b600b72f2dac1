package io.github.slim4j.onnx.bench;

import java.util.List;

/**
 * One node of the graph ONNX Runtime ran (after its own fusions and layout changes), as its
 * session profile reports it: the median kernel time per run, and its inputs' element types and
 * shapes and its outputs' shapes.
 *
 * @param op the operator, as ONNX Runtime names it ({@code QLinearConv}, {@code FusedGemm}, ...)
 */
public record ProfiledNode(String name, String op, double micros, List<String> inputTypes, List<long[]> inputShapes,
        List<long[]> outputShapes) {

    public ProfiledNode {
        inputTypes = List.copyOf(inputTypes);
        inputShapes = List.copyOf(inputShapes);
        outputShapes = List.copyOf(outputShapes);
    }
}
