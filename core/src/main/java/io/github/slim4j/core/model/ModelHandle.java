package io.github.slim4j.core.model;

import io.github.slim4j.core.network.Dl4jHelpers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model as slim4j sees it: a live notebook value together with its layers and parameter tensors.
 *
 * <p>Four kinds of value are supported: a DL4J {@link MultiLayerNetwork}, a DL4J
 * {@link ComputationGraph}, a {@code Map<String, INDArray>} of named tensors (for example weights
 * exported from PyTorch), and a single {@link INDArray}. A handle never copies: {@link #unwrap()}
 * is the very object it was made from and {@link #parameters()} are views into it, so compressing
 * a parameter changes the model in the notebook.
 */
public sealed interface ModelHandle permits MultiLayerHandle, GraphHandle, TensorMapHandle, TensorHandle {

    /** The kinds of value {@link #of} accepts, as a user would name them. */
    String SUPPORTED_KINDS = "MultiLayerNetwork, ComputationGraph, Map<String, INDArray>, INDArray";

    /**
     * Wraps a supported notebook value.
     *
     * @throws UnsupportedModelException naming the value's actual type and the supported kinds,
     *     for any other value, for {@code null}, and for a map that is empty or holds a key that is
     *     not a String or a value that is not an INDArray (an empty map cannot be told apart from a
     *     map of anything else, and holds nothing to compress)
     * @throws io.github.slim4j.core.Slim4jException for a network whose {@code init()} was never called
     */
    static ModelHandle of(Object value) {
        // Every magic passes here: the networks it creates from now on use oneDNN.
        Dl4jHelpers.enable();
        if (value instanceof MultiLayerNetwork net) {
            return new MultiLayerHandle(net);
        }
        if (value instanceof ComputationGraph graph) {
            return new GraphHandle(graph);
        }
        if (value instanceof INDArray tensor) {
            return new TensorHandle(tensor);
        }
        if (value instanceof Map<?, ?> map) {
            return new TensorMapHandle(TensorMapHandle.checked(map));
        }
        throw UnsupportedModelException.forValue(value);
    }

    /** Whether {@link #of} accepts the value as one of the four supported kinds. */
    static boolean supports(Object value) {
        return value instanceof MultiLayerNetwork
                || value instanceof ComputationGraph
                || value instanceof INDArray
                || (value instanceof Map<?, ?> map && TensorMapHandle.problem(map).isEmpty());
    }

    /** The live object this handle wraps, with the same identity. */
    Object unwrap();

    /** The supported kind: "MultiLayerNetwork", "ComputationGraph", "Map<String, INDArray>" or "INDArray". */
    String kind();

    /** The static type to declare a variable of this model with, as Java source with fully qualified names. */
    String javaType();

    /**
     * The layers in network order. A tensor map has one entry per distinct layer prefix, in the
     * order the prefixes first appear; a single tensor has one entry named "tensor".
     */
    List<LayerInfo> layers();

    /** Every parameter tensor in layer order, as live views: writing to one changes the model. */
    List<ParamTensor> parameters();

    /**
     * An independent copy of the same kind: a cloned network, or duplicated tensors. State kept with
     * the model (a network's {@link NetworkBoundListener}s, a tensor's {@link TensorBound} values,
     * such as pruning masks and quantization records) comes along, bound to the copy.
     */
    ModelHandle deepCopy();

    /** Whether this is a DL4J network (MultiLayerNetwork or ComputationGraph) that can run on data. */
    boolean isNetwork();

    /** Where the model was imported from (an ONNX file, say); empty for a model made on the JVM. */
    default Optional<GraphOrigin> origin() {
        return Optional.empty();
    }

    /** The kind, and for an imported model its source, for titles: "ComputationGraph from cnn.onnx (ONNX, opset 13)". */
    default String describe() {
        return origin().map(o -> kind() + " from " + o.describe()).orElse(kind());
    }
}
