package io.github.slim4j.onnx.channels;

import com.google.protobuf.UnsafeByteOperations;
import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.prune.channels.AxisCut;
import io.github.slim4j.core.prune.channels.ChannelChoice;
import io.github.slim4j.core.prune.channels.ChannelGroup;
import io.github.slim4j.core.prune.channels.ChannelRequest;
import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Removes channels from an ONNX model for real: the model that comes out is smaller, computes
 * less, and gives what the original gives with those channels' contributions cut off (the layers
 * that read them ignoring them). Every group of coupled channels ({@link ChannelGraph}) loses the
 * same channels in every tensor that holds them: producing weight rows and biases, batch
 * normalization parameters, depthwise weights and group counts, consuming weight columns (by
 * blocks behind a Flatten, by offsets behind a Concat), per-channel constants and Reshape targets.
 * Node names, order, opset and metadata stay; shape annotations (value_info) are dropped, as they
 * would be stale.
 */
public final class ChannelRemoval {
    private ChannelRemoval() {
    }

    /** What removal made: the smaller model, each group with its channels and MACs, and the model's MACs and bytes before and after. */
    public record Result(ModelProto model, List<ChannelGroup> groups, long macsBefore, long macsAfter, long bytesBefore) {
        public Result {
            groups = List.copyOf(groups);
        }
    }

    /** @throws Slim4jException when no channel of the model can be removed, saying why for each group */
    public static Result remove(ModelProto model, ChannelRequest request) {
        Map<String, long[]> shapes = ValueShapes.of(model);
        ChannelGraph graph = ChannelGraph.of(model, shapes);
        Map<Integer, double[]> importance = ChannelImportance.of(graph, request.norm());
        if (importance.isEmpty()) {
            throw new Slim4jException("no channel of the model can be removed: " + reasons(graph));
        }
        Map<Integer, int[]> kept = ChannelChoice.choose(importance, request.amount(), request.scope(), request.roundTo());
        ModelProto smaller = apply(model, graph, kept);
        Map<String, long[]> shapesAfter = ValueShapes.of(smaller);
        return new Result(smaller, groups(model, graph, kept, shapes, smaller, shapesAfter), macs(model, shapes), macs(smaller, shapesAfter),
                model.getSerializedSize());
    }

    private static String reasons(ChannelGraph graph) {
        Set<String> reasons = new LinkedHashSet<>();
        for (ChannelGraph.Producer producer : graph.producers) {
            graph.spaces.pinnedReason(producer.space().id()).ifPresent(why -> reasons.add(producer.node() + ": " + why));
        }
        return reasons.isEmpty() ? "it has no convolution or matrix product with float weights" : String.join("; ", reasons);
    }

    static ModelProto apply(ModelProto model, ChannelGraph graph, Map<Integer, int[]> keptByRoot) {
        Map<String, Map<Integer, int[]>> cuts = new LinkedHashMap<>();
        for (ChannelGraph.TensorSlice slice : graph.slices) {
            int[] kept = graph.spaces.kept(slice.space(), keptByRoot);
            if (kept.length != graph.tensors.get(slice.tensor()).shape()[slice.axis()]) {
                cuts.computeIfAbsent(slice.tensor(), ignored -> new HashMap<>()).put(slice.axis(), kept);
            }
        }
        Map<String, TensorProto> edited = new LinkedHashMap<>();
        cuts.forEach((name, byAxis) -> edited.put(name, cut(graph.tensors.get(name), byAxis)));
        for (ChannelGraph.ShapeEntry entry : graph.shapeEntries) {
            Tensor target = graph.tensors.get(entry.tensor());
            long[] values = target.longs();
            values[entry.position()] = graph.spaces.kept(entry.space(), keptByRoot).length;
            edited.put(entry.tensor(), longs(entry.tensor(), target.shape(), values));
        }
        Map<String, Long> groupCounts = new HashMap<>();
        graph.groupCounts.forEach(count -> groupCounts.put(count.node(), (long) graph.spaces.kept(count.space(), keptByRoot).length));

        GraphProto.Builder builder = model.getGraph().toBuilder().clearValueInfo();
        for (int i = 0; i < builder.getInitializerCount(); i++) {
            TensorProto tensor = edited.get(builder.getInitializer(i).getName());
            if (tensor != null) {
                builder.setInitializer(i, tensor);
            }
        }
        for (int i = 0; i < builder.getNodeCount(); i++) {
            NodeProto node = builder.getNode(i);
            boolean constant = node.getOpType().equals("Constant") || graph.isCopiedConstant(node);
            if (constant && edited.containsKey(node.getOutput(0))) {
                // A copy's Identity becomes a Constant of the same name holding its own cut copy.
                NodeProto asConstant = NodeProto.newBuilder().setName(node.getName()).setOpType("Constant").addOutput(node.getOutput(0))
                        .addAllAttribute(node.getOpType().equals("Constant") ? node.getAttributeList() : List.of()).build();
                builder.setNode(i, withAttribute(asConstant, Attributes.ofTensor("value", edited.get(node.getOutput(0)).toBuilder().clearName().build())));
            } else if (groupCounts.containsKey(node.getName())) {
                builder.setNode(i, withAttribute(node, Attributes.ofInt("group", groupCounts.get(node.getName()))));
            }
        }
        return model.toBuilder().setGraph(builder).build();
    }

    /** The float tensor with only the kept positions of each cut axis, in order. */
    static TensorProto cut(Tensor tensor, Map<Integer, int[]> keptByAxis) {
        long[] newShape = AxisCut.shape(tensor.shape(), keptByAxis);
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(4 * TensorData.elements(newShape))).order(ByteOrder.LITTLE_ENDIAN);
        AxisCut.copy(tensor.floats(), tensor.shape(), keptByAxis, bytes.asFloatBuffer());
        TensorProto.Builder proto = TensorProto.newBuilder().setName(tensor.name()).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long dim : newShape) {
            proto.addDims(dim);
        }
        // The array is this tensor's alone and never written again: wrapping it saves a copy of the weights.
        return proto.setRawData(UnsafeByteOperations.unsafeWrap(bytes.array())).build();
    }

    private static TensorProto longs(String name, long[] shape, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        TensorProto.Builder proto = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
        for (long dim : shape) {
            proto.addDims(dim);
        }
        return proto.setRawData(UnsafeByteOperations.unsafeWrap(bytes.array())).build();
    }

    private static NodeProto withAttribute(NodeProto node, AttributeProto attribute) {
        NodeProto.Builder builder = node.toBuilder();
        for (int i = 0; i < builder.getAttributeCount(); i++) {
            if (builder.getAttribute(i).getName().equals(attribute.getName())) {
                return builder.setAttribute(i, attribute).build();
            }
        }
        return builder.addAttribute(attribute).build();
    }

    private static List<ChannelGroup> groups(ModelProto model, ChannelGraph graph, Map<Integer, int[]> keptByRoot, Map<String, long[]> shapes,
            ModelProto smaller, Map<String, long[]> shapesAfter) {
        Map<String, Long> before = nodeMacs(model, shapes);
        Map<String, Long> after = nodeMacs(smaller, shapesAfter);
        Map<Integer, Set<String>> readers = new HashMap<>();
        for (ChannelGraph.TensorSlice slice : graph.slices) {
            roots(graph, slice.space()).forEach(root -> readers.computeIfAbsent(root, ignored -> new LinkedHashSet<>()).add(slice.node()));
        }
        Map<Integer, List<String>> makers = new LinkedHashMap<>();
        graph.producers.forEach(producer -> makers.computeIfAbsent(graph.spaces.root(producer.space().id()), ignored -> new ArrayList<>())
                .add(producer.node()));
        List<ChannelGroup> groups = new ArrayList<>();
        makers.forEach((root, layers) -> {
            int total = graph.spaces.size(root);
            int kept = keptByRoot.containsKey(root) ? keptByRoot.get(root).length : total;
            Set<String> nodes = readers.getOrDefault(root, Set.of());
            long macsBefore = nodes.stream().mapToLong(node -> before.getOrDefault(node, 0L)).sum();
            long macsAfter = nodes.stream().mapToLong(node -> after.getOrDefault(node, 0L)).sum();
            Optional<String> pinned = graph.spaces.pinnedReason(root).or(() -> total < 2 ? Optional.of("one channel") : Optional.empty());
            groups.add(new ChannelGroup(groups.size() + 1, layers, kept, total, OptionalLong.of(macsBefore), OptionalLong.of(macsAfter), pinned));
        });
        return groups;
    }

    private static Set<Integer> roots(ChannelGraph graph, SpaceRef ref) {
        Set<Integer> roots = new LinkedHashSet<>();
        if (ref instanceof SpaceRef.Base base) {
            roots.add(graph.spaces.root(base.id()));
        } else if (ref instanceof SpaceRef.Joined joined) {
            joined.parts().forEach(part -> roots.addAll(roots(graph, part)));
        } else {
            roots.addAll(roots(graph, ((SpaceRef.Expanded) ref).inner()));
        }
        return roots;
    }

    private static long macs(ModelProto model, Map<String, long[]> shapes) {
        return nodeMacs(model, shapes).values().stream().mapToLong(Long::longValue).sum();
    }

    /** MACs per example of each convolution and matrix product with a constant weight, by node name. */
    static Map<String, Long> nodeMacs(ModelProto model, Map<String, long[]> shapes) {
        Map<String, long[]> weights = new HashMap<>();
        model.getGraph().getInitializerList().forEach(tensor -> weights.put(tensor.getName(), tensor.getDimsList().stream().mapToLong(Long::longValue).toArray()));
        model.getGraph().getNodeList().stream().filter(node -> node.getOpType().equals("Constant"))
                .forEach(node -> new Attributes(node).find("value").ifPresent(value ->
                        weights.put(node.getOutput(0), value.getT().getDimsList().stream().mapToLong(Long::longValue).toArray())));
        Map<String, Long> macs = new LinkedHashMap<>();
        for (NodeProto node : model.getGraph().getNodeList()) {
            long[] out = shapes.get(node.getOutput(0));
            long[] weight = node.getInputCount() > 1 ? weights.get(node.getInput(1)) : null;
            if (out == null || weight == null || weight.length < 2) {
                continue;
            }
            // Per example: the first dimension is the batch.
            long outputs = 1;
            for (int d = 1; d < out.length; d++) {
                outputs *= out[d];
            }
            switch (node.getOpType()) {
                case "Conv" -> macs.put(node.getName(), outputs * (elements(weight) / weight[0]));
                case "Gemm" -> macs.put(node.getName(), outputs * weight[new Attributes(node).getInt("transB", 0) != 0 ? 1 : 0]);
                case "MatMul" -> macs.put(node.getName(), outputs * weight[0]);
                default -> { }
            }
        }
        return macs;
    }

    private static long elements(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        return count;
    }
}
