package io.github.slim4j.onnx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelFactsTest {

    /** conv1 16·1·3·3 + 16, conv2 32·16·3·3 + 32, fc1 64·1568 + 64, fc2 10·64 + 10. */
    @Test
    void theCnnHoldsItsLayersWeightsAndBiases() {
        ModelFacts facts = ModelFacts.of(OnnxFile.read(Path.of("..", "models", "cnn.onnx")));
        assertEquals(160 + 4_640 + 100_416 + 650, facts.parameters());
        assertEquals(0.0, facts.weightZeros());
    }

    /** Scales and zero points are not parameters; codes at their channel's zero point are zeros. */
    @Test
    void quantizedCodesCountAsZeroAtTheirChannelsZeroPoint() {
        // 2 × 3 codes per channel along axis 0, zero points 1 and -2: two codes equal 1 in channel 0, one equals -2 in channel 1.
        TensorProto codes = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.INT8_VALUE).addDims(2).addDims(3)
                .setRawData(ByteString.copyFrom(new byte[] {1, 1, 0, -2, 1, 0})).build();
        TensorProto scales = TensorProto.newBuilder().setName("w_s").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(2)
                .addFloatData(0.1f).addFloatData(0.2f).build();
        TensorProto zeroPoints = TensorProto.newBuilder().setName("w_zp").setDataType(TensorProto.DataType.INT8_VALUE).addDims(2)
                .setRawData(ByteString.copyFrom(new byte[] {1, -2})).build();
        TensorProto bias = TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(2)
                .addFloatData(0f).addFloatData(1f).build();
        NodeProto dequantize = NodeProto.newBuilder().setOpType("DequantizeLinear").addInput("w").addInput("w_s").addInput("w_zp")
                .addOutput("w_dq").addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0))
                .build();
        ModelProto model = ModelProto.newBuilder().setGraph(io.github.slim4j.onnx.proto.OnnxProto.GraphProto.newBuilder()
                .addInitializer(codes).addInitializer(scales).addInitializer(zeroPoints).addInitializer(bias).addNode(dequantize)).build();
        ModelFacts facts = ModelFacts.of(model);
        assertEquals(6 + 2, facts.parameters());
        assertEquals(3 / 6.0, facts.weightZeros());
    }
}
