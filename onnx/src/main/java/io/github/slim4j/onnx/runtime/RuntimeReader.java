package io.github.slim4j.onnx.runtime;

import io.github.slim4j.core.model.ValueReader;
import io.github.slim4j.onnx.convert.OnnxOrigin;
import io.github.slim4j.onnx.export.ExportOptions;
import io.github.slim4j.onnx.export.OnnxExport;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * An imported graph's values read in ONNX Runtime: the graph as it stands, exported in float
 * (quantized weights as their dequantized values, which is what the graph computes with), with the
 * wanted values exposed as outputs, in one session for a whole pass. ONNX Runtime runs such a pass
 * several times faster than DL4J's forward pass, and what it computes matches DL4J's within float
 * rounding.
 */
public final class RuntimeReader implements ValueReader {
    private final OrtModel runtime;
    private final Map<String, String> values;

    private RuntimeReader(OrtModel runtime, Map<String, String> values) {
        this.runtime = runtime;
        this.values = values;
    }

    /**
     * A reader for the vertices, when every one computes an ONNX value and the graph has no
     * vertex of the JVM's own (such as the fake quantization of a simulated network).
     */
    public static Optional<ValueReader> of(OnnxOrigin origin, ComputationGraph graph, List<String> vertices, Set<String> importedVertices) {
        for (var vertex : graph.getVertices()) {
            if (!vertex.isInputVertex() && !importedVertices.contains(vertex.getVertexName())) {
                return Optional.empty();
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String vertex : vertices) {
            String value = vertex.equals(origin.input()) ? origin.input() : origin.vertexOutputs().get(vertex);
            if (value == null) {
                return Optional.empty();
            }
            values.put(vertex, value);
        }
        Map<String, Integer> exposed = new LinkedHashMap<>();
        values.values().forEach(value -> exposed.put(value, TensorProto.DataType.FLOAT_VALUE));
        var model = ExposedOutputs.of(OnnxExport.export(graph, new ExportOptions(true)).model(), exposed);
        return Optional.of(new RuntimeReader(OrtModel.of(model, 0), values));
    }

    @Override
    public Map<String, INDArray> read(DataSet batch) {
        Map<String, INDArray> computed = runtime.run(batch.getFeatures(), List.copyOf(Set.copyOf(values.values())));
        Map<String, INDArray> read = new LinkedHashMap<>();
        values.forEach((vertex, value) -> read.put(vertex, computed.get(value)));
        return read;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
