package io.github.slim4j.core.network;

import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** {@link Network} over a {@link MultiLayerNetwork}. */
final class MultiLayerRunner implements Network {
    private final MultiLayerNetwork network;
    private final String task;

    MultiLayerRunner(MultiLayerNetwork network, String task) {
        this.network = network;
        this.task = task;
    }

    @Override
    public INDArray output(DataSet batch) {
        return Dl4jFailures.call(task, () -> network.output(batch.getFeatures(), false,
                batch.getFeaturesMaskArray(), batch.getLabelsMaskArray()));
    }

    @Override
    public double score(DataSet batch) {
        return Dl4jFailures.call(task, () -> network.score(batch, false));
    }

    @Override
    public void fit(DataSet batch) {
        Dl4jFailures.run(task, () -> network.fit(batch));
    }

    @Override
    public double lastFitScore() {
        return network.score();
    }

    @Override
    public TrainingState save() {
        return TrainingState.copyOf(network.params(), updaterState(), network.getIterationCount(), network.getEpochCount());
    }

    @Override
    public void restore(TrainingState state) {
        state.restoreInto(network.params(), updaterState());
        network.setIterationCount(state.iterations());
        network.setEpochCount(state.epochs());
    }

    private INDArray updaterState() {
        return network.getUpdater(false) == null ? null : network.getUpdater(false).getStateViewArray();
    }

    /** Without an input preprocessor, which would reshape the input first. */
    @Override
    public OptionalLong inputWidth() {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        return conf.getInputPreProcess(0) == null ? Widths.nIn(conf.getConf(0).getLayer()) : OptionalLong.empty();
    }

    @Override
    public OptionalLong outputWidth() {
        Layer last = network.getLayerWiseConfigurations().getConf(network.getnLayers() - 1).getLayer();
        return last instanceof BaseOutputLayer ? Widths.nOut(last) : OptionalLong.empty();
    }
}
