package io.github.slim4j.core.network;

import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;

/** The sizes layer configurations declare; DL4J keeps 0 for a size it has not been told. */
final class Widths {
    private Widths() {
    }

    /**
     * nIn of a layer that takes one row of features per example. Other layers read nIn differently
     * (channels for convolutions, vocabulary size for embeddings), so they give no width to check.
     */
    static OptionalLong nIn(Layer layer) {
        return layer instanceof DenseLayer || layer instanceof OutputLayer
                ? positive(((FeedForwardLayer) layer).getNIn())
                : OptionalLong.empty();
    }

    static OptionalLong nOut(Layer layer) {
        return layer instanceof FeedForwardLayer ff ? positive(ff.getNOut()) : OptionalLong.empty();
    }

    private static OptionalLong positive(long size) {
        return size > 0 ? OptionalLong.of(size) : OptionalLong.empty();
    }
}
