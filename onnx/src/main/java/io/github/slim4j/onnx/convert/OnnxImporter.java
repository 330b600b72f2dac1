package io.github.slim4j.onnx.convert;

import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.network.Dl4jHelpers;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.dl4j.SoftmaxCrossEntropy;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorShapeProto;
import io.github.slim4j.onnx.proto.OnnxProto.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Turns an ONNX model into its JVM form: a trainable DL4J {@link ComputationGraph} whose vertices
 * are named after the ONNX nodes, whose parameters hold the initializers, and which carries an
 * {@link OnnxOrigin} that names its layers and tensors as the ONNX file does and keeps the model for
 * export. The graph outputs what the ONNX model outputs; a loss layer after it (softmax
 * cross-entropy on logits, or cross-entropy when the model ends in Softmax) lets it train.
 */
public final class OnnxImporter {
    /** Adam at this rate fine-tunes a trained model without undoing it; a notebook can change it. */
    static final double LEARNING_RATE = 1e-3;

    /** Far beyond any image side or feature count; a larger one is a corrupt file whose sizes would overflow. */
    private static final long LARGEST_INPUT_DIMENSION = 1 << 24;

    private OnnxImporter() {
    }

    /**
     * Converts a checked model ({@link OnnxFile#read}).
     *
     * @param source what the origin calls the model, e.g. its file name
     * @throws OnnxException naming the node and what slim4j supports, for anything it cannot import
     */
    public static ComputationGraph convert(ModelProto model, String source) {
        // The graph is trained on the JVM (fine-tuning, AGP, QAT): its convolutions should use oneDNN.
        Dl4jHelpers.enable();
        GraphProto onnx = model.getGraph();
        Set<String> initializers = new HashSet<>();
        onnx.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<ValueInfoProto> inputs = onnx.getInputList().stream().filter(i -> !initializers.contains(i.getName())).toList();
        if (inputs.size() != 1 || onnx.getOutputCount() != 1) {
            throw new OnnxException(source + " has " + inputs.size() + " input(s) and " + onnx.getOutputCount()
                    + " output(s); slim4j imports models with one input and one output");
        }
        ValueInfoProto input = inputs.get(0);
        String output = onnx.getOutput(0).getName();
        GraphBuilder builder = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(0).weightInit(WeightInit.ZERO)
                .updater(new Adam(LEARNING_RATE)).graphBuilder().addInputs(input.getName());
        List<NodeProto> nodes = contributing(onnx.getNodeList(), output);
        Conversion conversion = new Conversion(builder, OnnxFile.opset(model), nodes, Set.of(output));
        conversion.reserve(input.getName());
        Value.Activation inputValue = new Value.Activation(input.getName(), inputShape(input, source));
        conversion.define(input.getName(), inputValue);
        for (TensorProto initializer : onnx.getInitializerList()) {
            conversion.define(initializer.getName(), new Value.Constant(TensorData.of(initializer)));
        }
        for (NodeProto node : nodes) {
            naming(source, () -> Operators.checkArity(node));
        }
        // Constant nodes first: a fused activation or bias may read a constant written after the node it joins.
        for (NodeProto node : nodes) {
            if (node.getOpType().equals("Constant")) {
                naming(source, () -> ShapeOps.constant(node, conversion));
                conversion.absorb(node);
            }
        }
        for (NodeProto node : nodes) {
            if (!conversion.isAbsorbed(node)) {
                naming(source, () -> convertNode(node, conversion));
            }
        }
        Value.Activation logits = outputOf(conversion, output, source);
        // Named after the output it scores; its values are the output's, which a reader finds under its name.
        String loss = conversion.unique(output + "/loss");
        conversion.vertexOutputs().put(loss, output);
        Set<String> vertices = new HashSet<>(conversion.vertexNames());
        builder.addLayer(loss, lossLayer(conversion, logits), logits.vertex());
        builder.setOutputs(loss);
        // The loss layer's cross-entropy on probabilities (a model ending in Softmax) is what DL4J's check warns about.
        builder.validateOutputLayerConfig(false);
        ComputationGraph graph = built(builder, source);
        OnnxOrigin origin = new OnnxOrigin(source, model, input.getName(), inputValue.exampleShape(), output, conversion.layers(), conversion.bindings(),
                conversion.vertexOutputs(), vertices);
        GraphOrigin.attach(graph, origin);
        for (Binding binding : conversion.bindings()) {
            INDArray view = binding.layout().onnxView(graph.getLayer(binding.vertex()).getParam(binding.key()));
            INDArray initial = conversion.initialValue(binding);
            if (!Arrays.equals(view.shape(), initial.shape())) {
                throw new OnnxException("internal error: " + binding.name() + " has shape " + Arrays.toString(initial.shape())
                        + " but its DL4J parameter " + binding.vertex() + "/" + binding.key() + " reads as " + Arrays.toString(view.shape()));
            }
            view.assign(initial);
        }
        return graph;
    }

    /**
     * The nodes the output depends on, in the file's order. Exporters leave nodes nothing reads; as
     * vertices they would be ones DL4J refuses as disconnected, and they compute nothing the model returns.
     */
    private static List<NodeProto> contributing(List<NodeProto> nodes, String output) {
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto node : nodes) {
            node.getOutputList().forEach(name -> producers.put(name, node));
        }
        Set<NodeProto> live = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<String> wanted = new ArrayDeque<>(List.of(output));
        while (!wanted.isEmpty()) {
            NodeProto producer = producers.get(wanted.pop());
            if (producer != null && live.add(producer)) {
                wanted.addAll(producer.getInputList());
            }
        }
        return nodes.stream().filter(live::contains).toList();
    }

    /**
     * DL4J checks the converted graph once more (every layer's sizes, every vertex connected); what
     * it refuses is a file the converter's own checks let through, so its reason is passed on in one line.
     */
    private static ComputationGraph built(GraphBuilder builder, String source) {
        try {
            ComputationGraph graph = new ComputationGraph(builder.build());
            graph.init();
            return graph;
        } catch (DL4JInvalidConfigException | IllegalStateException e) {
            throw new OnnxException(source + " converts to a graph DL4J refuses: " + e.getMessage(), e);
        }
    }

    private static void convertNode(NodeProto node, Conversion conversion) {
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            throw Conversion.error(node, "is in operator domain '" + node.getDomain() + "'; slim4j imports the default domain");
        }
        Operators.of(node).orElseThrow(() -> Conversion.error(node, "slim4j cannot import " + node.getOpType()
                + " nodes; it imports " + Operators.supported())).convert(node, conversion);
    }

    /** A problem with a node names the model too, since a notebook may load several. */
    private static void naming(String source, Runnable step) {
        try {
            step.run();
        } catch (OnnxException e) {
            throw new OnnxException(source + ", " + e.getMessage(), e);
        }
    }

    private static long[] inputShape(ValueInfoProto input, String source) {
        if (!input.getType().hasTensorType() || !input.getType().getTensorType().hasShape()) {
            throw new OnnxException("input '" + input.getName() + "' of " + source + " declares no tensor shape");
        }
        if (input.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxException("input '" + input.getName() + "' of " + source + " is of type "
                    + TensorData.typeName(input.getType().getTensorType().getElemType()) + "; slim4j imports float inputs");
        }
        List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        if (dims.size() != 2 && dims.size() != 4) {
            throw new OnnxException("input '" + input.getName() + "' of " + source + " has " + dims.size()
                    + " dimensions; slim4j imports images [batch, C, H, W] and vectors [batch, features]");
        }
        long[] shape = new long[dims.size()];
        shape[0] = Value.Activation.BATCH;
        for (int i = 1; i < shape.length; i++) {
            if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() <= 0 || dims.get(i).getDimValue() > LARGEST_INPUT_DIMENSION) {
                throw new OnnxException("input '" + input.getName() + "' of " + source + " has dimension " + i + " "
                        + (dims.get(i).hasDimValue() ? String.valueOf(dims.get(i).getDimValue()) : "open")
                        + "; slim4j needs every dimension but the batch fixed, 1 to " + LARGEST_INPUT_DIMENSION);
            }
            shape[i] = dims.get(i).getDimValue();
        }
        return shape;
    }

    private static Value.Activation outputOf(Conversion conversion, String output, String source) {
        Value value = conversion.value(output)
                .orElseThrow(() -> new OnnxException("output '" + output + "' of " + source + " is computed by no node"));
        if (!(value instanceof Value.Activation logits) || logits.rank() != 2) {
            throw new OnnxException("output '" + output + "' of " + source + " is not a [batch, classes] tensor computed from the input; "
                    + "slim4j imports classifiers");
        }
        return logits;
    }

    /** Cross-entropy of the model's own output: probabilities when it ends in Softmax, logits otherwise. */
    private static LossLayer lossLayer(Conversion conversion, Value.Activation logits) {
        boolean probabilities = conversion.layers().stream().anyMatch(layer -> layer.vertex().equals(logits.vertex())
                && layer.opType().equals("Softmax"));
        return new LossLayer.Builder().lossFunction(probabilities ? new LossMCXENT() : new SoftmaxCrossEntropy())
                .activation(new ActivationIdentity()).build();
    }
}
