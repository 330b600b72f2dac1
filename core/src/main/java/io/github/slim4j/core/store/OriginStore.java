package io.github.slim4j.core.store;

import io.github.slim4j.core.model.GraphOrigin;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a file keeps a graph imported from another format (ONNX), whose configuration DL4J cannot
 * write itself: the source model without its weights, imported again on load. The module that
 * imports the format provides one through {@link java.util.ServiceLoader}.
 */
public interface OriginStore {

    /** The name the manifest gives the source's format, e.g. "onnx". */
    String kind();

    /**
     * The graph's source, without the weights the graph holds, when importing it again gives this
     * very graph: the same vertices and parameters.
     *
     * @return empty when this store does not keep {@code origin}'s kind
     * @throws io.github.slim4j.core.Slim4jException when it does, but the graph is no longer the
     *     one its source imports (a folded or simulated copy), saying so
     */
    Optional<byte[]> write(GraphOrigin origin, ComputationGraph graph);

    /**
     * The graph again, its origin attached, holding the file's tensors: its source then holds
     * them too, as when the model was first imported, so that exporting it again writes what
     * exporting the saved model wrote.
     *
     * @param tensors the file's tensors by {@code ParamTensor.qualifiedName()}, in the source's layout
     * @throws RuntimeException when the bytes are not a source this store wrote
     */
    ComputationGraph read(byte[] source, Map<String, INDArray> tensors);
}
