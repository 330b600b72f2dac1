package io.github.slim4j.onnx.runtime;

import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.TypeProto;
import io.github.slim4j.onnx.proto.OnnxProto.ValueInfoProto;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A model whose intermediate values are graph outputs too, so one ONNX Runtime run returns them
 * (for calibration and for comparing a simulation with the runtime). Values already outputs stay
 * as they are.
 */
public final class ExposedOutputs {
    private ExposedOutputs() {
    }

    /**
     * @param values ONNX value names, each with its element type (ONNX's TensorProto.DataType number)
     */
    public static ModelProto of(ModelProto model, Map<String, Integer> values) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        Set<String> outputs = new HashSet<>();
        graph.getOutputList().forEach(o -> outputs.add(o.getName()));
        values.forEach((value, elementType) -> {
            if (outputs.add(value)) {
                graph.addOutput(ValueInfoProto.newBuilder().setName(value).setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType))));
            }
        });
        return model.toBuilder().setGraph(graph).build();
    }
}
