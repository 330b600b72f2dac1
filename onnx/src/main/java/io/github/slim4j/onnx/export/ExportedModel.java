package io.github.slim4j.onnx.export;

import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.util.List;

/**
 * An export's result: the model to write, what became of each tensor and activation, and its opset.
 *
 * @param upgradedFrom the opset the imported model had, when the export had to raise it
 */
public record ExportedModel(ModelProto model, List<ExportedTensor> tensors, List<ExportedActivation> activations, long opset,
        long upgradedFrom) {

    public ExportedModel {
        tensors = List.copyOf(tensors);
        activations = List.copyOf(activations);
    }

    public boolean upgraded() {
        return upgradedFrom != opset;
    }
}
