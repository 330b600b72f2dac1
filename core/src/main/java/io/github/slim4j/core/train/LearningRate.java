package io.github.slim4j.core.train;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.ModelHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

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
     * <p>The rate is set on each layer's updater configuration, which DL4J's running updaters read at
     * every step, rather than through {@code setLearningRate}: that rebuilds the updater state and
     * fails with a NullPointerException in DL4J 1.0.0-M2.1 on networks with BatchNormalization
     * (measured on the ResNet fixture). Every layer gets the same rate, so DL4J's grouping of
     * layers with equal updaters into one block stays right.
     *
     * @throws Slim4jException when the rate is not a positive finite number or the model is not a DL4J network
     */
    public static LearningRate during(ModelHandle model, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new Slim4jException("the learning rate must be a positive number, got " + rate);
        }
        Layer[] layers;
        if (model.unwrap() instanceof ComputationGraph graph) {
            layers = graph.getLayers();
        } else if (model.unwrap() instanceof MultiLayerNetwork network) {
            layers = network.getLayers();
        } else {
            throw new Slim4jException("a learning rate applies to a DL4J network, not a " + model.kind());
        }
        Set<IUpdater> updaters = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer layer : layers) {
            if (layer.conf().getLayer() instanceof BaseLayer conf) {
                for (IUpdater updater : new IUpdater[] {conf.getIUpdater(), conf.getBiasUpdater()}) {
                    if (updater != null && updater.hasLearningRate()) {
                        updaters.add(updater);
                    }
                }
            }
        }
        List<Runnable> restores = new ArrayList<>();
        for (IUpdater updater : updaters) {
            IUpdater saved = updater.clone();
            updater.setLrAndSchedule(rate, null);
            restores.add(() -> updater.setLrAndSchedule(learningRate(saved), schedule(saved)));
        }
        return new LearningRate(() -> restores.forEach(Runnable::run));
    }

    /*
     * IUpdater sets a rate and schedule together but has no getters for them; every DL4J updater
     * with a rate has the bean getters below.
     */
    private static double learningRate(IUpdater updater) {
        return (double) bean(updater, "getLearningRate");
    }

    private static ISchedule schedule(IUpdater updater) {
        return (ISchedule) bean(updater, "getLearningRateSchedule");
    }

    private static Object bean(IUpdater updater, String getter) {
        try {
            return updater.getClass().getMethod(getter).invoke(updater);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(updater.getClass().getSimpleName() + " has no " + getter, e);
        }
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
