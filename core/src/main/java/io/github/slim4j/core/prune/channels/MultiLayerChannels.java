package io.github.slim4j.core.prune.channels;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.LayerInfo;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.MultiLayerHandle;
import io.github.slim4j.core.prune.channels.SequentialChannelGraph.Carrier;
import io.github.slim4j.core.prune.channels.SequentialChannelGraph.Producer;
import io.github.slim4j.core.prune.channels.SequentialChannelGraph.Role;
import io.github.slim4j.core.prune.channels.SequentialChannelGraph.Space;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Removes channels from a MultiLayerNetwork: a new network whose configuration has the smaller
 * sizes and whose parameters are the original's with the removed channels' rows, columns and
 * per-channel values cut out. The layers that read a removed channel ignore it, so the new network
 * computes what the original computes with those inputs' weights set to zero. Training settings
 * (updater, learning rate, regularization) come along; updater state and masks do not.
 */
final class MultiLayerChannels {
    /** Stands for every parameter of a layer that holds one value per channel (biases, batch normalization's). */
    private static final String PER_CHANNEL = "";

    private MultiLayerChannels() {
    }

    static ChannelCut remove(MultiLayerHandle handle, ChannelRequest request) {
        MultiLayerNetwork network = handle.network();
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        List<String> names = handle.layers().stream().map(LayerInfo::name).toList();
        SequentialChannelGraph graph = SequentialChannelGraph.of(conf, names);
        Map<Integer, double[]> importance = importance(network, graph, request.norm());
        if (importance.isEmpty()) {
            throw new Slim4jException("no channel of the model can be removed: " + reasons(graph, names));
        }
        Map<Integer, int[]> kept = ChannelChoice.choose(importance, request.amount(), request.scope(), request.roundTo());
        MultiLayerNetwork smaller = rebuild(network, graph, kept);
        LayerMacs before = LayerMacs.of(conf);
        LayerMacs after = LayerMacs.of(smaller.getLayerWiseConfigurations());
        return ChannelCut.between(handle, ModelHandle.of(smaller), groups(graph, names, kept, before, after), before.total(), after.total());
    }

    /** The importance of every channel of every removable space: made by a layer, unpinned, more than one channel. */
    private static Map<Integer, double[]> importance(MultiLayerNetwork network, SequentialChannelGraph graph, int norm) {
        Map<Integer, double[]> importance = new LinkedHashMap<>();
        for (int i = 0; i < graph.roles.size(); i++) {
            if (graph.roles.get(i) instanceof Producer producer && producer.output().pinned().isEmpty() && producer.output().channels > 1) {
                INDArray weights = network.getLayer(i).getParam("W");
                importance.put(producer.output().id, ChannelNorms.of(FloatBuffer.wrap(weights.dup('c').data().asFloat()), weights.shape(),
                        producer.outAxis(), norm));
            }
        }
        return importance;
    }

    private static String reasons(SequentialChannelGraph graph, List<String> names) {
        Set<String> reasons = new LinkedHashSet<>();
        for (Space space : graph.spaces) {
            if (space.producer >= 0) {
                space.pinned().ifPresent(why -> reasons.add(names.get(space.producer) + ": " + why));
            }
        }
        return reasons.isEmpty() ? "it has no convolution or dense layer" : String.join("; ", reasons);
    }

    private static MultiLayerNetwork rebuild(MultiLayerNetwork network, SequentialChannelGraph graph, Map<Integer, int[]> kept) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations().clone();
        List<Map<String, Map<Integer, int[]>>> cuts = new ArrayList<>();
        for (int i = 0; i < graph.roles.size(); i++) {
            Role role = graph.roles.get(i);
            Map<String, Map<Integer, int[]>> layerCuts = new HashMap<>();
            if (role instanceof Producer producer) {
                FeedForwardLayer layer = (FeedForwardLayer) conf.getConf(i).getLayer();
                Map<Integer, int[]> weightCuts = new HashMap<>();
                int[] in = kept.get(producer.input().space().id);
                if (in != null) {
                    int[] features = producer.input().features(in);
                    weightCuts.put(producer.inAxis(), features);
                    layer.setNIn(features.length);
                }
                int[] out = kept.get(producer.output().id);
                if (out != null) {
                    weightCuts.put(producer.outAxis(), out);
                    layer.setNOut(out.length);
                    layerCuts.put(PER_CHANNEL, Map.of(0, out));
                }
                if (!weightCuts.isEmpty()) {
                    layerCuts.put("W", weightCuts);
                }
            } else if (role instanceof Carrier carrier && kept.containsKey(carrier.space().id)) {
                int[] channels = kept.get(carrier.space().id);
                FeedForwardLayer layer = (FeedForwardLayer) conf.getConf(i).getLayer();
                layer.setNIn(channels.length);
                layer.setNOut(channels.length);
                if (carrier.weightAxis() >= 0) {
                    layerCuts.put("W", Map.of(carrier.weightAxis(), channels));
                }
                layerCuts.put(PER_CHANNEL, Map.of(0, channels));
            }
            Space flattened = graph.flattened.get(i);
            if (flattened != null && kept.containsKey(flattened.id)) {
                ((CnnToFeedForwardPreProcessor) conf.getInputPreProcess(i)).setNumChannels(kept.get(flattened.id).length);
            }
            cuts.add(layerCuts);
        }
        MultiLayerNetwork smaller = new MultiLayerNetwork(conf);
        smaller.init();
        for (int i = 0; i < cuts.size(); i++) {
            copyParameters(network.getLayer(i), smaller.getLayer(i), cuts.get(i));
        }
        return smaller;
    }

    private static void copyParameters(Layer from, Layer to, Map<String, Map<Integer, int[]>> cuts) {
        for (Map.Entry<String, INDArray> entry : from.paramTable().entrySet()) {
            INDArray values = entry.getValue();
            Map<Integer, int[]> byAxis = cuts.get(entry.getKey());
            if (byAxis == null && cuts.containsKey(PER_CHANNEL)) {
                // A vector [1, n] or [n]: its one long axis runs over channels.
                int axis = IntStream.range(0, values.rank()).filter(d -> values.size(d) > 1).findFirst().orElse(values.rank() - 1);
                byAxis = Map.of(axis, cuts.get(PER_CHANNEL).get(0));
            }
            INDArray target = to.getParam(entry.getKey());
            if (byAxis == null) {
                target.assign(values);
                continue;
            }
            long[] shape = AxisCut.shape(values.shape(), byAxis);
            float[] cut = new float[Math.toIntExact(target.length())];
            AxisCut.copy(FloatBuffer.wrap(values.dup('c').data().asFloat()), values.shape(), byAxis, FloatBuffer.wrap(cut));
            target.assign(Nd4j.create(cut, shape, 'c').castTo(target.dataType()));
        }
    }

    private static int[] channels(Space space, Map<Integer, int[]> kept) {
        return kept.getOrDefault(space.id, IntStream.range(0, space.channels).toArray());
    }

    private static List<ChannelGroup> groups(SequentialChannelGraph graph, List<String> names, Map<Integer, int[]> kept, LayerMacs before,
            LayerMacs after) {
        Map<Integer, Set<Integer>> touching = new HashMap<>();
        for (int i = 0; i < graph.roles.size(); i++) {
            Role role = graph.roles.get(i);
            if (role instanceof Producer producer) {
                touching.computeIfAbsent(producer.output().id, ignored -> new LinkedHashSet<>()).add(i);
                touching.computeIfAbsent(producer.input().space().id, ignored -> new LinkedHashSet<>()).add(i);
            } else if (role instanceof Carrier carrier) {
                touching.computeIfAbsent(carrier.space().id, ignored -> new LinkedHashSet<>()).add(i);
            }
        }
        List<ChannelGroup> groups = new ArrayList<>();
        for (Space space : graph.spaces) {
            if (space.producer < 0) {
                continue;
            }
            Set<Integer> layers = touching.getOrDefault(space.id, Set.of());
            groups.add(new ChannelGroup(groups.size() + 1, List.of(names.get(space.producer)), channels(space, kept).length, space.channels,
                    before.sum(layers), after.sum(layers),
                    space.pinned().or(() -> space.channels < 2 ? Optional.of("one channel") : Optional.empty())));
        }
        return groups;
    }
}
