package io.github.slim4j.core.train;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A learning rate for one run of training, put back when the run ends: fine-tuning a trained model
 * usually wants a smaller step than the one it was trained with, and the next run without a rate
 * should train as the network is configured, not as the last command left it.
 *
 * <pre>{@code
 * try (LearningRate rate = LearningRate.during(model, 1e-4)) {
 *     Trainer.fit(model, data, 2, progress);
 * }
 * }</pre>
 *
 * Only layers whose updater has a rate change (a layer without parameters has none).
 */
public final class LearningRate implements AutoCloseable {
    private final Runnable restore;

    private LearningRate(Runnable restore) {
        this.restore = restore;
    }

    /**
     * Sets every layer's rate to {@code rate} until {@link #close}.
     *
     * @throws Slim4jException when the rate is not a positive finite number or the model is not a DL4J network
     */
    public static LearningRate during(ModelHandle model, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new Slim4jException("the learning rate must be a positive number, got " + rate);
        }
        if (model.unwrap() instanceof ComputationGraph graph) {
            Map<String, Double> before = new LinkedHashMap<>();
            for (Layer layer : graph.getLayers()) {
                String name = layer.conf().getLayer().getLayerName();
                Double old = graph.getLearningRate(name);
                if (old != null) {
                    before.put(name, old);
                    graph.setLearningRate(name, rate);
                }
            }
            return new LearningRate(() -> before.forEach(graph::setLearningRate));
        }
        if (model.unwrap() instanceof MultiLayerNetwork network) {
            Map<Integer, Double> before = new LinkedHashMap<>();
            for (int index = 0; index < network.getnLayers(); index++) {
                Double old = network.getLearningRate(index);
                if (old != null) {
                    before.put(index, old);
                    network.setLearningRate(index, rate);
                }
            }
            return new LearningRate(() -> before.forEach(network::setLearningRate));
        }
        throw new Slim4jException("a learning rate applies to a DL4J network, not a " + model.kind());
    }

    /** Nothing changed and nothing to put back: training at the network's own rates. */
    public static LearningRate unchanged() {
        return new LearningRate(() -> { });
    }

    /** Puts back the rates the layers had. */
    @Override
    public void close() {
        restore.run();
    }
}
