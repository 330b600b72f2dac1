package io.github.slim4j.onnx.convert;

import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * An imported graph's ONNX source: the model as read (the source of truth for export: node names
 * and order, opset, metadata, and every initializer the DL4J graph does not hold), which DL4J vertex
 * computes which ONNX value, and which DL4J parameter holds which initializer, in what layout.
 * Immutable, and shared by every graph with the same vertices, such as deep copies.
 */
public final class OnnxOrigin implements GraphOrigin {
    private final String source;
    private final ModelProto model;
    private final String input;
    private final long[] inputShape;
    private final String output;
    private final List<ImportedLayer> layers;
    private final List<Binding> bindings;
    private final Map<String, String> vertexOutputs;

    OnnxOrigin(String source, ModelProto model, String input, long[] inputShape, String output, List<ImportedLayer> layers,
            List<Binding> bindings, Map<String, String> vertexOutputs) {
        this.source = source;
        this.model = model;
        this.input = input;
        this.inputShape = inputShape.clone();
        this.output = output;
        this.layers = List.copyOf(layers);
        this.bindings = List.copyOf(bindings);
        this.vertexOutputs = Map.copyOf(vertexOutputs);
    }

    /** The origin of an imported graph, if it came from ONNX. */
    public static Optional<OnnxOrigin> of(ComputationGraph graph) {
        return GraphOrigin.of(graph).filter(OnnxOrigin.class::isInstance).map(OnnxOrigin.class::cast);
    }

    @Override
    public String describe() {
        return source + " (ONNX, opset " + opset() + ")";
    }

    /** The file the model was read from, as the user named it. */
    public String source() {
        return source;
    }

    public ModelProto model() {
        return model;
    }

    /** The default-domain opset the model was written for. */
    public long opset() {
        return model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(o -> o.getVersion()).findFirst().orElse(0);
    }

    /** The ONNX input's name, which is also the DL4J graph's input name. */
    public String input() {
        return input;
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** The ONNX output's name. */
    public String output() {
        return output;
    }

    /** Which ONNX value each DL4J vertex computes, for vertices that compute one. */
    public Map<String, String> vertexOutputs() {
        return vertexOutputs;
    }

    /**
     * Where each of the graph's tensors (by {@code ParamTensor.qualifiedName()}) comes from in the
     * ONNX graph, in binding order.
     */
    public List<Source> sources() {
        List<Source> sources = new ArrayList<>(bindings.size());
        for (Binding binding : bindings) {
            List<String> nodes = layers.stream().filter(l -> l.vertex().equals(binding.vertex())).findFirst()
                    .map(ImportedLayer::nodes).orElse(List.of());
            sources.add(new Source(binding.name(), binding.initializer(), nodes));
        }
        return sources;
    }

    /**
     * One tensor's place in the ONNX graph.
     *
     * @param name the tensor's name in slim4j (its initializer's, or {@code initializer@vertex} for a
     *     second reader of a shared initializer)
     * @param initializer the initializer or Constant node output the ONNX graph holds it in
     * @param nodes the ONNX nodes whose inputs read it
     */
    public record Source(String name, String initializer, List<String> nodes) {
    }

    @Override
    public List<LayerInfo> layers(ComputationGraph graph) {
        List<LayerInfo> infos = new ArrayList<>(layers.size());
        for (ImportedLayer layer : layers) {
            infos.add(new LayerInfo(infos.size(), layer.vertex(), layer.opType(), layer.nIn(), layer.nOut(), layer.activation()));
        }
        return infos;
    }

    @Override
    public List<ParamTensor> parameters(ComputationGraph graph) {
        Map<String, Layer> byVertex = new LinkedHashMap<>();
        List<ParamTensor> tensors = new ArrayList<>(bindings.size());
        for (Binding binding : bindings) {
            Layer layer = byVertex.computeIfAbsent(binding.vertex(), graph::getLayer);
            tensors.add(new ParamTensor(binding.vertex(), binding.key(), binding.name(), binding.kind(),
                    binding.layout().onnxView(layer.getParam(binding.key())), binding.axes()));
        }
        return tensors;
    }

    @Override
    public String toString() {
        return "OnnxOrigin[" + describe() + ", " + layers.size() + " layers, " + bindings.size() + " tensors]";
    }
}
