package io.github.slim4j.core.network;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.model.GraphOrigin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** {@link Network} over a {@link ComputationGraph} with one input and one output, as a DataSet feeds. */
final class GraphRunner implements Network {
    private final ComputationGraph graph;
    private final String task;

    private GraphRunner(ComputationGraph graph, String task) {
        this.graph = graph;
        this.task = task;
    }

    static GraphRunner of(ComputationGraph graph, String task) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<String> inputs = conf.getNetworkInputs();
        List<String> outputs = conf.getNetworkOutputs();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new Slim4jException(task + " needs a ComputationGraph with one input and one output; this one has inputs "
                    + inputs + " and outputs " + outputs);
        }
        return new GraphRunner(graph, task);
    }

    @Override
    public INDArray output(DataSet batch) {
        return Dl4jFailures.call(task, () -> graph.output(false, new INDArray[] {batch.getFeatures()},
                masks(batch.getFeaturesMaskArray()), masks(batch.getLabelsMaskArray()))[0]);
    }

    @Override
    public double score(DataSet batch) {
        return Dl4jFailures.call(task, () -> graph.score(batch, false));
    }

    @Override
    public void fit(DataSet batch) {
        Dl4jFailures.run(task, () -> graph.fit(batch));
    }

    @Override
    public double lastFitScore() {
        return graph.score();
    }

    @Override
    public TrainingState save() {
        return TrainingState.copyOf(graph.params(), updaterState(), graph.getIterationCount(), graph.getEpochCount());
    }

    @Override
    public void restore(TrainingState state) {
        state.restoreInto(graph.params(), updaterState());
        graph.getConfiguration().setIterationCount(state.iterations());
        graph.getConfiguration().setEpochCount(state.epochs());
    }

    private INDArray updaterState() {
        return graph.getUpdater(false) == null ? null : graph.getUpdater(false).getStateViewArray();
    }

    @Override
    public Optional<long[]> inputShape() {
        return GraphOrigin.of(graph).map(GraphOrigin::inputShape);
    }

    /** The first layer fed straight from the input, without a preprocessor. */
    @Override
    public OptionalLong inputWidth() {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String input = conf.getNetworkInputs().get(0);
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            List<String> feeds = conf.getVertexInputs().get(name);
            if (feeds != null && feeds.contains(input)) {
                return conf.getVertices().get(name) instanceof LayerVertex layer && layer.getPreProcessor() == null
                        ? Widths.nIn(layer.getLayerConf().getLayer())
                        : OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public OptionalLong outputWidth() {
        Map<String, GraphVertex> vertices = graph.getConfiguration().getVertices();
        GraphVertex output = vertices.get(graph.getConfiguration().getNetworkOutputs().get(0));
        return output instanceof LayerVertex layer && layer.getLayerConf().getLayer() instanceof BaseOutputLayer
                ? Widths.nOut(layer.getLayerConf().getLayer())
                : OptionalLong.empty();
    }

    private static INDArray[] masks(INDArray mask) {
        return mask == null ? null : new INDArray[] {mask};
    }
}
