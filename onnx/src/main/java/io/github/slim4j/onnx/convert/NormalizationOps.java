package io.github.slim4j.onnx.convert;

import io.github.slim4j.core.model.ParamKind;
import io.github.slim4j.core.model.WeightAxes;
import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/**
 * {@code BatchNormalization} in inference form, as a DL4J batch-normalization layer: the same
 * formula {@code γ (x − mean) / √(var + ε) + β}, and trainable, with ONNX's momentum as DL4J's
 * decay of the running statistics. DL4J's default of storing log10(std) instead of the variance is
 * turned off, so the variance tensor is the ONNX one. The activation after it stays a layer of its
 * own: DL4J's batch normalization ignores the activation function it is configured with.
 */
final class NormalizationOps {
    private static final String[] KEYS = {"gamma", "beta", "mean", "var"};
    private static final String[] ROLES = {"scale", "B", "mean", "var"};

    private NormalizationOps() {
    }

    static void batchNormalization(NodeProto node, Conversion conversion) {
        Value.Activation x = conversion.activation(node, 0);
        if (x.rank() != 2 && x.rank() != 4) {
            throw Conversion.error(node, "input has shape " + x.describeShape() + "; slim4j imports batch normalization of [batch, C] and [batch, C, H, W]");
        }
        Attributes attributes = conversion.attributes(node);
        if (attributes.getInt("training_mode", 0) != 0 || node.getOutputList().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
            throw Conversion.error(node, "training mode (running statistics as outputs) is not supported; export the model in eval mode");
        }
        long channels = x.dim(1);
        TensorData[] tensors = new TensorData[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            tensors[i] = conversion.constant(node, i + 1, ROLES[i]);
            if (tensors[i].count() != channels) {
                throw Conversion.error(node, ROLES[i] + " '" + tensors[i].name() + "' has shape " + Arrays.toString(tensors[i].shape())
                        + " for " + channels + " channels");
            }
        }
        String name = conversion.vertexName(node);
        BatchNormalization layer = new BatchNormalization.Builder().nIn(channels).nOut(channels).useLogStd(false)
                .eps(attributes.getFloat("epsilon", 1e-5f)).decay(attributes.getFloat("momentum", 0.9f)).build();
        conversion.addLayer(name, layer, x.vertex(), node.getOutput(0), x.shape(), new ImportedLayer(name, List.of(node.getName()),
                node.getOpType(), node.getOutput(0), Conversion.size(channels), Conversion.size(channels), Optional.empty()));
        for (int i = 0; i < KEYS.length; i++) {
            conversion.bind(tensors[i], name, KEYS[i], new ParamLayout.Same(), ParamKind.NORMALIZATION, WeightAxes.NONE);
        }
    }
}
