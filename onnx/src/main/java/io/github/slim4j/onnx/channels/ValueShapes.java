package io.github.slim4j.onnx.channels;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.bench.OrtProfile;
import io.github.slim4j.onnx.bench.ProfiledNode;
import io.github.slim4j.onnx.bench.ProfiledSession;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The shape of every value a model computes for one example (or the model's fixed batch): worked
 * out from the operator specifications where {@link ShapeInference} knows every node, else as
 * ONNX Runtime sees it, from one profiled run without graph optimizations that reports each node's
 * output shapes. Nodes are renamed for that run, so that nodes without a name, or with the same
 * name, cannot be confused.
 */
final class ValueShapes {
    private ValueShapes() {
    }

    /** Shapes for a batch of one, or of the model's fixed batch size. */
    static Map<String, long[]> of(ModelProto model) {
        return ShapeInference.of(model, batch(model)).orElseGet(() -> fromOnnxRuntime(model));
    }

    /** As ONNX Runtime reports them: any model it runs. */
    static Map<String, long[]> fromOnnxRuntime(ModelProto model) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            graph.setNode(i, graph.getNode(i).toBuilder().setName("n" + i));
        }
        Path file = null;
        try {
            file = Files.createTempFile("slim4j-shapes", ".onnx");
            OnnxFile.write(model.toBuilder().setGraph(graph).build(), file);
            OrtProfile profile = ProfiledSession.profile(file, "the model", batch(model), 1, OptLevel.NO_OPT, 1, 0);
            Map<String, long[]> shapes = new HashMap<>();
            for (ProfiledNode node : profile.nodes()) {
                // ONNX Runtime runs function ops (HardSwish) as nodes of its own naming: skipped.
                if (!node.name().matches("n\\d+")) {
                    continue;
                }
                int index = Integer.parseInt(node.name().substring(1));
                var outputs = model.getGraph().getNode(index).getOutputList();
                for (int o = 0; o < Math.min(outputs.size(), node.outputShapes().size()); o++) {
                    shapes.put(outputs.get(o), node.outputShapes().get(o));
                }
            }
            return shapes;
        } catch (IOException e) {
            throw new OnnxException("cannot write a temporary copy of the model: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A temporary copy left behind is harmless.
                }
            }
        }
    }

    private static int batch(ModelProto model) {
        var dims = model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
        return !dims.isEmpty() && dims.get(0).getDimValue() > 0 ? Math.toIntExact(dims.get(0).getDimValue()) : 1;
    }
}
