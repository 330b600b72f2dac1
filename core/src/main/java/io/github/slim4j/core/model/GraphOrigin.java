package io.github.slim4j.core.model;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.fold.FoldedPair;
import io.github.slim4j.core.prune.channels.ChannelCut;
import io.github.slim4j.core.prune.channels.ChannelRequest;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Where an imported {@link ComputationGraph} came from: a model file (an ONNX file, say) whose own
 * names and layouts the graph keeps, so that tables, masks and quantization records speak of the
 * layers and tensors users know from their model. The graph is the model's trainable JVM form; the
 * origin maps it back to its source.
 *
 * <p>Kept with the graph by {@link #of}/{@link #attach}, and shared by its deep copies: an origin
 * never changes and reads the graph it is given, so it serves every graph with the same vertices
 * and parameters. Work that builds a new graph from an imported one (simulated quantization,
 * batch-normalization folding) attaches the origin, or a changed one, to what it builds.
 */
public interface GraphOrigin {

    /** For titles and messages, e.g. "cnn.onnx (ONNX, opset 13)". */
    String describe();

    /** The shape of one example of the graph's input: what a batch's shape is after the batch axis. */
    long[] inputShape();

    /** The graph's layers in the source's names and order, with the source's operator as type. */
    List<LayerInfo> layers(ComputationGraph graph);

    /**
     * The graph's parameter tensors under the source's names, as live views in the source's
     * layouts: writing to one changes the graph.
     */
    List<ParamTensor> parameters(ComputationGraph graph);

    /**
     * The origin of the graph that {@link io.github.slim4j.core.fold.BatchNormFolding} makes from
     * this one: each pair's normalization gone, its layer computing both and holding a bias.
     */
    GraphOrigin afterFolding(List<FoldedPair> pairs);

    /**
     * A faster way than DL4J's own forward pass to read the graph's values at these vertices, for
     * passes over much data (an ONNX model runs in ONNX Runtime); empty when the source has none
     * for this graph, such as one with vertices of the JVM's own.
     */
    default Optional<ValueReader> reader(ComputationGraph graph, List<String> vertices) {
        return Optional.empty();
    }

    /**
     * A new, smaller model with channels removed, made from the source's own graph as the graph
     * stands now (trained, pruned); the graph itself is not changed.
     *
     * @throws io.github.slim4j.core.Slim4jException when the source cannot have channels removed,
     *     or none of the graph's can be
     */
    default ChannelCut removeChannels(ComputationGraph graph, ChannelRequest request) {
        throw new Slim4jException("slim4j cannot remove channels of a model from " + describe());
    }

    /** The origin of an imported graph; empty for a graph built on the JVM. */
    static Optional<GraphOrigin> of(ComputationGraph graph) {
        return GraphOrigins.get(graph);
    }

    /** Keeps {@code origin} with {@code graph}, replacing any it had. */
    static void attach(ComputationGraph graph, GraphOrigin origin) {
        GraphOrigins.put(graph, origin);
    }
}
