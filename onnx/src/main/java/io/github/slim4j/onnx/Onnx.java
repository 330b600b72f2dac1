package io.github.slim4j.onnx;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.channels.ChannelRequest;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.onnx.channels.ChannelRemoval;
import io.github.slim4j.onnx.convert.OnnxImporter;
import io.github.slim4j.onnx.convert.OnnxOrigin;
import io.github.slim4j.onnx.export.ExportOptions;
import io.github.slim4j.onnx.export.ExportedModel;
import io.github.slim4j.onnx.export.NetworkExport;
import io.github.slim4j.onnx.export.OnnxExport;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * ONNX in slim4j, from Java.
 *
 * <pre>{@code
 * ComputationGraph net = Onnx.load(Path.of("resnet.onnx"));   // every magic takes it
 * var smaller = Onnx.removeChannels(net, new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.GLOBAL, 1, 8));
 * }</pre>
 */
public final class Onnx {
    private Onnx() {
    }

    /**
     * Reads an ONNX file into its trainable DL4J form, named and laid out as the file names it.
     *
     * @throws OnnxException for a file that cannot be read or imported, in one line
     */
    public static ComputationGraph load(Path path) {
        return OnnxImporter.convert(OnnxFile.read(path), path.getFileName().toString());
    }

    /**
     * The model as an ONNX file's contents: a model loaded from ONNX written back into its own graph
     * ({@link OnnxExport}), a MultiLayerNetwork written layer by layer ({@link NetworkExport}).
     *
     * @throws OnnxException for any other model, or one holding what ONNX Runtime cannot run
     */
    public static ExportedModel export(ModelHandle model, ExportOptions options) {
        if (model.unwrap() instanceof MultiLayerNetwork network) {
            return NetworkExport.export(network, options);
        }
        if (model.unwrap() instanceof ComputationGraph graph && model.origin().isPresent()) {
            return OnnxExport.export(graph, options);
        }
        throw new OnnxException("a " + model.kind() + (model.isNetwork() ? " built on the JVM" : "")
                + " cannot be exported; slim4j exports MultiLayerNetworks and models loaded from ONNX (%load)");
    }

    /** A model with channels removed: its trainable DL4J form, and what removal did. */
    public record RemovedChannels(ComputationGraph graph, ChannelRemoval.Result removal) {
    }

    /**
     * Removes channels from a model loaded from ONNX, as it stands now (trained, pruned): a new,
     * smaller model, whose ONNX graph is the original's with the channels cut out. The model itself
     * is not changed. {@code Channels.remove} does the same for any model that supports it.
     *
     * @throws OnnxException when the model was not loaded from ONNX or is quantized (remove channels
     *     first, then quantize), or none of its channels can be removed
     */
    public static RemovedChannels removeChannels(ComputationGraph graph, ChannelRequest request) {
        OnnxOrigin origin = OnnxOrigin.of(graph).orElseThrow(() -> new OnnxException("the model was not loaded from ONNX"));
        ModelHandle handle = ModelHandle.of(graph);
        if (handle.parameters().stream().anyMatch(tensor -> Quantizations.of(handle, tensor).isPresent())) {
            throw new OnnxException("the model is quantized; remove channels first, then quantize the smaller model");
        }
        ModelProto current = OnnxExport.export(graph, ExportOptions.asIs()).model();
        if (current.getGraph().getNodeList().stream().anyMatch(node -> node.getOpType().equals("QuantizeLinear") || node.getOpType().equals("DequantizeLinear"))) {
            throw new OnnxException("the model is quantized; remove channels first, then quantize the smaller model");
        }
        ChannelRemoval.Result removal;
        try {
            removal = ChannelRemoval.remove(current, request);
        } catch (io.github.slim4j.core.Slim4jException e) {
            throw new OnnxException(e.getMessage(), e);
        }
        return new RemovedChannels(OnnxImporter.convert(removal.model(), origin.source()), removal);
    }
}
