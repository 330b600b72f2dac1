package io.github.slim4j.onnx.convert;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A DL4J layer vertex made from ONNX nodes.
 *
 * @param vertex the vertex name: the first node's name (or a name made up for a node without one)
 * @param nodes the ONNX nodes the layer computes, in graph order: one, or a Conv/Gemm/MatMul with the
 *     bias Add and activation fused into it
 * @param opType what tables show as the layer's type: the first node's operator
 * @param output the ONNX value the layer's output equals: the last node's output
 */
record ImportedLayer(String vertex, List<String> nodes, String opType, String output, OptionalLong nIn, OptionalLong nOut,
        Optional<String> activation) {

    ImportedLayer {
        nodes = List.copyOf(nodes);
    }
}
