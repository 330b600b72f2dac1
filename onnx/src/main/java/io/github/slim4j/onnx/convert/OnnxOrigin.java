package io.github.slim4j.onnx.convert;

import io.github.slim4j.core.fold.FoldedPair;
import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamKind;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.model.ValueReader;
import io.github.slim4j.core.model.WeightAxes;
import io.github.slim4j.core.prune.channels.ChannelCut;
import io.github.slim4j.core.prune.channels.ChannelRequest;
import io.github.slim4j.onnx.Onnx;
import io.github.slim4j.onnx.channels.ChannelRemoval;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.runtime.RuntimeReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
    private final Set<String> vertices;

    OnnxOrigin(String source, ModelProto model, String input, long[] inputShape, String output, List<ImportedLayer> layers,
            List<Binding> bindings, Map<String, String> vertexOutputs, Set<String> vertices) {
        this.source = source;
        this.model = model;
        this.input = input;
        this.inputShape = inputShape.clone();
        this.output = output;
        this.layers = List.copyOf(layers);
        this.bindings = List.copyOf(bindings);
        this.vertexOutputs = Map.copyOf(vertexOutputs);
        this.vertices = Set.copyOf(vertices);
    }

    /** The origin of an imported graph, if it came from ONNX. */
    public static Optional<OnnxOrigin> of(ComputationGraph graph) {
        return GraphOrigin.of(graph).filter(OnnxOrigin.class::isInstance).map(OnnxOrigin.class::cast);
    }

    /** Channels cut out of the ONNX graph itself, which is then imported again: {@link Onnx#removeChannels}. */
    @Override
    public ChannelCut removeChannels(ComputationGraph graph, ChannelRequest request) {
        Onnx.RemovedChannels removed = Onnx.removeChannels(graph, request);
        ChannelRemoval.Result removal = removed.removal();
        return ChannelCut.between(ModelHandle.of(graph), ModelHandle.of(removed.graph()), removal.groups(), OptionalLong.of(removal.macsBefore()),
                OptionalLong.of(removal.macsAfter()));
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

    /**
     * The ONNX model with each pair's BatchNormalization node gone: the Conv or Gemm before it writes
     * its output and reads a bias, named as the normalization's B initializer was (or
     * {@code B@layer} when another tensor has that name), whose values export takes from the graph.
     */
    @Override
    public GraphOrigin afterFolding(List<FoldedPair> pairs) {
        ModelProto.Builder folded = model.toBuilder();
        GraphProto.Builder graph = folded.getGraphBuilder();
        List<ImportedLayer> keptLayers = new ArrayList<>(layers);
        List<Binding> keptBindings = new ArrayList<>(bindings);
        Map<String, String> outputs = new LinkedHashMap<>(vertexOutputs);
        Set<String> names = new HashSet<>();
        bindings.forEach(b -> names.add(b.name()));
        for (FoldedPair pair : pairs) {
            ImportedLayer layer = layer(pair.layer());
            ImportedLayer normalization = layer(pair.normalization());
            NodeProto bn = node(graph, normalization.nodes().get(0));
            NodeProto.Builder linear = nodeBuilder(graph, layer.nodes().get(0));
            linear.setOutput(0, bn.getOutput(0));
            Optional<Binding> bias = keptBindings.stream().filter(b -> b.vertex().equals(pair.layer()) && b.key().equals("b")).findFirst();
            keptBindings.removeIf(b -> b.vertex().equals(pair.normalization()));
            if (bias.isEmpty()) {
                String name = bn.getInput(2);
                names.removeIf(n -> keptBindings.stream().noneMatch(b -> b.name().equals(n)));
                String biasName = names.add(name) ? name : name + "@" + pair.layer();
                names.add(biasName);
                linear.addInput(biasName);
                keptBindings.add(new Binding(biasName, biasName, pair.layer(), "b", new ParamLayout.Same(), ParamKind.BIAS, WeightAxes.NONE));
            }
            graph.removeNode(graph.getNodeList().indexOf(bn));
            keptLayers.remove(normalization);
            keptLayers.set(keptLayers.indexOf(layer), new ImportedLayer(layer.vertex(), concat(layer.nodes(), bn.getName()),
                    layer.opType(), bn.getOutput(0), layer.nIn(), layer.nOut(), layer.activation()));
            outputs.remove(pair.normalization());
            outputs.put(pair.layer(), bn.getOutput(0));
        }
        dropUnread(graph);
        return new OnnxOrigin(source, folded.build(), input, inputShape, output, keptLayers, keptBindings, outputs, vertices);
    }

    private ImportedLayer layer(String vertex) {
        return layers.stream().filter(l -> l.vertex().equals(vertex)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no imported layer " + vertex));
    }

    private static NodeProto node(GraphProto.Builder graph, String name) {
        return graph.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ONNX node " + name));
    }

    private static NodeProto.Builder nodeBuilder(GraphProto.Builder graph, String name) {
        return graph.getNodeBuilderList().stream().filter(n -> n.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ONNX node " + name));
    }

    /** Initializers no node reads any more, such as a folded normalization's statistics. */
    private static void dropUnread(GraphProto.Builder graph) {
        Set<String> read = new HashSet<>();
        graph.getNodeList().forEach(n -> read.addAll(n.getInputList()));
        graph.getOutputList().forEach(o -> read.add(o.getName()));
        for (int i = graph.getInitializerCount() - 1; i >= 0; i--) {
            if (!read.contains(graph.getInitializer(i).getName())) {
                graph.removeInitializer(i);
            }
        }
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    /** ONNX Runtime, for a graph that is this import as it came, or folded. */
    @Override
    public Optional<ValueReader> reader(ComputationGraph graph, List<String> wanted) {
        return RuntimeReader.of(this, graph, wanted, vertices);
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
