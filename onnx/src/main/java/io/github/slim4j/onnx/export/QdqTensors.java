package io.github.slim4j.onnx.export;

import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.onnx.graph.Attributes;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import java.util.List;

/**
 * The initializers and {@code DequantizeLinear} node that hold a quantized weight in ONNX: codes,
 * scales and zero points laid out as ONNX reads them (per tensor: scalars; per channel: a vector
 * with {@code axis}; per group: ONNX's blocked form, a scale for every block with {@code axis} and
 * {@code block_size}), so that {@code DequantizeLinear} gives back exactly the dequantized values
 * the model holds: {@code (q − zero point) × scale} in float32, as slim4j computes it.
 */
final class QdqTensors {
    private QdqTensors() {
    }

    /**
     * Adds the weight's initializers and its DequantizeLinear node, which outputs {@code name}.
     *
     * @return the opset the node needs
     */
    static int addWeight(GraphEditor editor, String name, QuantizedTensor record, IntegerFormat format, CodeType type) {
        QParams qparams = record.qparams().orElseThrow();
        long[] shape = record.shape();
        String codes = editor.fresh(name + "_quantized");
        String scale = editor.fresh(name + "_scale");
        String zeroPoint = editor.fresh(name + "_zero_point");
        editor.putInitializer(Tensors.raw(codes, shape, type.onnxType(), type.raw(record.codes(), format.signed())));
        Layout layout = Layout.of(qparams, shape);
        float[] scales = new float[layout.size()];
        int[] zeroPoints = new int[layout.size()];
        for (int i = 0; i < scales.length; i++) {
            int slice = layout.slice(i);
            scales[i] = qparams.scales()[slice];
            zeroPoints[i] = qparams.zeroPoints()[slice];
        }
        editor.putInitializer(Tensors.floats(scale, layout.shape(), scales));
        editor.putInitializer(Tensors.raw(zeroPoint, layout.shape(), type.onnxType(), type.raw(zeroPoints)));
        editor.addLeading(GraphEditor.node("DequantizeLinear", editor.fresh(name + "_DequantizeLinear"), List.of(codes, scale, zeroPoint),
                List.of(name), layout.attributes().toArray(AttributeProto[]::new)));
        return Math.max(type.opset(), layout.opset());
    }

    /**
     * Where each scale of ONNX's layout comes from among slim4j's slices.
     *
     * @param shape the scale tensor's shape
     * @param steps for each axis of the scale tensor, how far one step moves in slim4j's slice
     *     index (channel-major: {@code channel × groups + group})
     */
    private record Layout(long[] shape, long[] steps, List<AttributeProto> attributes, int opset) {

        static Layout of(QParams qparams, long[] tensorShape) {
            if (qparams.groupSize() > 0) {
                long[] shape = tensorShape.clone();
                int groupAxis = qparams.groupAxis();
                long groups = tensorShape[groupAxis] / qparams.groupSize();
                shape[groupAxis] = groups;
                long[] steps = new long[shape.length];
                steps[groupAxis] = 1;
                if (qparams.axis() >= 0) {
                    steps[qparams.axis()] = groups;
                }
                return new Layout(shape, steps, List.of(Attributes.ofInt("axis", groupAxis),
                        Attributes.ofInt("block_size", qparams.groupSize())), 21);
            }
            if (qparams.axis() >= 0) {
                return new Layout(new long[] {tensorShape[qparams.axis()]}, new long[] {1},
                        List.of(Attributes.ofInt("axis", qparams.axis())), 13);
            }
            return new Layout(new long[0], new long[0], List.of(), 10);
        }

        int size() {
            long size = 1;
            for (long dim : shape) {
                size *= dim;
            }
            return Math.toIntExact(size);
        }

        /** The slice of the scale at flat C-order position i. */
        int slice(int position) {
            long slice = 0;
            long rest = position;
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                slice += (rest % shape[axis]) * steps[axis];
                rest /= shape[axis];
            }
            return Math.toIntExact(slice);
        }
    }

    /** Scalars of one activation's scale and zero point, for a QuantizeLinear/DequantizeLinear pair. */
    static List<String> addActivationParameters(GraphEditor editor, String value, float scale, int zeroPoint, CodeType type) {
        String scaleName = editor.fresh(value + "_scale");
        String zeroPointName = editor.fresh(value + "_zero_point");
        editor.putInitializer(Tensors.floats(scaleName, new long[0], new float[] {scale}));
        editor.putInitializer(Tensors.raw(zeroPointName, new long[0], type.onnxType(), type.raw(new int[] {zeroPoint})));
        return List.of(scaleName, zeroPointName);
    }
}
