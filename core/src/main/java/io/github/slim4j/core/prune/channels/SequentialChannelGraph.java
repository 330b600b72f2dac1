package io.github.slim4j.core.prune.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/**
 * The channel spaces of a MultiLayerNetwork, found by walking its layers in order: each
 * convolution or dense layer makes a space of its own and reads the one before it; batch
 * normalization and depthwise convolution (one filter per channel) carry it through with their
 * per-channel parameters; activations, dropout, pooling, padding, cropping and upsampling carry it
 * untouched; a flattening preprocessor spreads each channel over a block of features (NCHW) or
 * every channel over each position (NHWC). In a sequential network no two layers write the same
 * space, so each space is a group of its own. A space read by anything else stays whole, and so do
 * the network's output and input.
 */
final class SequentialChannelGraph {

    /** The channels one layer makes, and why they cannot lose any, when they cannot. */
    static final class Space {
        final int id;
        final int channels;
        /** The layer that makes them, or -1 for the network's input and an opaque layer's output. */
        final int producer;
        private Optional<String> pinned = Optional.empty();

        Space(int id, int channels, int producer) {
            this.id = id;
            this.channels = channels;
            this.producer = producer;
        }

        void pin(String why) {
            if (pinned.isEmpty()) {
                pinned = Optional.of(why);
            }
        }

        Optional<String> pinned() {
            return pinned;
        }
    }

    /**
     * A space as a layer sees it: each channel repeated over {@code positions} consecutive
     * features (a flattened NCHW image), or over positions interleaved (NHWC), or as itself.
     */
    record View(Space space, int positions, boolean channelsLast) {

        /** The features the kept channels become, ascending. */
        int[] features(int[] kept) {
            int[] features = new int[kept.length * positions];
            int at = 0;
            if (channelsLast) {
                for (int position = 0; position < positions; position++) {
                    for (int channel : kept) {
                        features[at++] = position * space.channels + channel;
                    }
                }
            } else {
                for (int channel : kept) {
                    for (int position = 0; position < positions; position++) {
                        features[at++] = channel * positions + position;
                    }
                }
            }
            return features;
        }
    }

    /** How a layer relates to the channels around it. */
    sealed interface Role permits Producer, Carrier, Transparent, Opaque {
    }

    /**
     * Reads {@code input} and makes {@code output}.
     *
     * @param inAxis the axis of its weight "W" that runs over input features
     * @param outAxis the axis of "W" (and of its vectors) that runs over output channels
     */
    record Producer(View input, Space output, int inAxis, int outAxis) implements Role {
    }

    /**
     * Holds a parameter per channel of the space it carries through.
     *
     * @param weightAxis the axis of its weight "W" that runs over channels, or -1 without one
     */
    record Carrier(Space space, int weightAxis) implements Role {
    }

    /** Passes the channels through untouched, with no parameters that depend on them. */
    record Transparent() implements Role {
    }

    /** A layer slim4j cannot cut: what it reads stays whole. */
    record Opaque() implements Role {
    }

    final List<Space> spaces = new ArrayList<>();
    final List<Role> roles = new ArrayList<>();
    /** The space a preprocessor flattens before each layer, by layer index; null where none does. */
    final List<Space> flattened = new ArrayList<>();

    private SequentialChannelGraph() {
    }

    /** @param names each layer's name, for the reasons a space stays whole */
    static SequentialChannelGraph of(MultiLayerConfiguration conf, List<String> names) {
        SequentialChannelGraph graph = new SequentialChannelGraph();
        View current = new View(graph.space(0, -1), 1, false);
        current.space().pin("the model's input");
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = "layer " + names.get(i) + " (" + layer.getClass().getSimpleName() + ")";
            InputPreProcessor preprocessor = conf.getInputPreProcess(i);
            CnnToFeedForwardPreProcessor flattening = preprocessor instanceof CnnToFeedForwardPreProcessor f && current.positions() == 1 ? f : null;
            graph.flattened.add(flattening == null ? null : current.space());
            if (flattening != null) {
                current = new View(current.space(), Math.toIntExact(flattening.getInputHeight() * flattening.getInputWidth()),
                        flattening.getFormat() == CNN2DFormat.NHWC);
            } else if (preprocessor != null) {
                current.space().pin("reshaped by " + preprocessor.getClass().getSimpleName() + " before " + name);
                current = new View(graph.space(0, -1), 1, false);
            }
            Role role = graph.role(layer, i, current);
            graph.roles.add(role);
            if (role instanceof Producer producer) {
                current = new View(producer.output(), 1, false);
            } else if (role instanceof Opaque) {
                current.space().pin("read by " + name + ", which slim4j cannot cut");
                current = new View(graph.space(0, -1), 1, false);
            }
        }
        current.space().pin("the model's output");
        return graph;
    }

    private Role role(Layer layer, int index, View input) {
        Class<?> type = layer.getClass();
        if (type == ConvolutionLayer.class && input.positions() == 1) {
            return new Producer(input, space(((ConvolutionLayer) layer).getNOut(), index), 1, 0);
        }
        if (type == DenseLayer.class || type == OutputLayer.class) {
            return new Producer(input, space(((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer).getNOut(), index), 0, 1);
        }
        boolean perChannel = input.positions() == 1;
        if (type == BatchNormalization.class && perChannel) {
            return new Carrier(input.space(), -1);
        }
        if (type == DepthwiseConvolution2D.class && perChannel && ((DepthwiseConvolution2D) layer).getDepthMultiplier() == 1) {
            // Depthwise weights are [kH, kW, nIn, multiplier].
            return new Carrier(input.space(), 2);
        }
        if (type == ActivationLayer.class || type == DropoutLayer.class
                || (perChannel && (type == SubsamplingLayer.class || type == GlobalPoolingLayer.class || type == ZeroPaddingLayer.class
                        || type == Cropping2D.class || type == Upsampling2D.class))) {
            return new Transparent();
        }
        return new Opaque();
    }

    private Space space(long channels, int producer) {
        Space space = new Space(spaces.size(), Math.toIntExact(channels), producer);
        spaces.add(space);
        return space;
    }
}
