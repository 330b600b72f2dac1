package io.github.slim4j.onnx.graph;

import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.proto.OnnxProto.AttributeProto;
import com.google.protobuf.ByteString;
import io.github.slim4j.onnx.proto.OnnxProto.NodeProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.util.Optional;

/** A node's attributes by name, typed, with ONNX's defaults given by the caller; and new attributes, typed, for nodes being written. */
public final class Attributes {
    private final NodeProto node;

    public Attributes(NodeProto node) {
        this.node = node;
    }

    public static AttributeProto ofInt(String name, long value) {
        return named(name, AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto ofInts(String name, int... values) {
        AttributeProto.Builder attribute = named(name, AttributeProto.AttributeType.INTS);
        for (int value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    public static AttributeProto ofFloat(String name, float value) {
        return named(name, AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto ofString(String name, String value) {
        return named(name, AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build();
    }

    public static AttributeProto ofTensor(String name, TensorProto value) {
        return named(name, AttributeProto.AttributeType.TENSOR).setT(value).build();
    }

    private static AttributeProto.Builder named(String name, AttributeProto.AttributeType type) {
        return AttributeProto.newBuilder().setName(name).setType(type);
    }

    public Optional<AttributeProto> find(String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    public long getInt(String name, long defaultValue) {
        return find(name).map(a -> typed(a, AttributeProto.AttributeType.INT).getI()).orElse(defaultValue);
    }

    public float getFloat(String name, float defaultValue) {
        return find(name).map(a -> typed(a, AttributeProto.AttributeType.FLOAT).getF()).orElse(defaultValue);
    }

    public String getString(String name, String defaultValue) {
        return find(name).map(a -> typed(a, AttributeProto.AttributeType.STRING).getS().toStringUtf8()).orElse(defaultValue);
    }

    /** The ints, or empty when the attribute is absent. */
    public Optional<long[]> getInts(String name) {
        return find(name).map(a -> typed(a, AttributeProto.AttributeType.INTS).getIntsList().stream().mapToLong(Long::longValue).toArray());
    }

    public Optional<TensorData> getTensor(String name) {
        return find(name).map(a -> TensorData.of(typed(a, AttributeProto.AttributeType.TENSOR).getT()));
    }

    private AttributeProto typed(AttributeProto attribute, AttributeProto.AttributeType type) {
        // Old exporters leave the type unset; the field that is filled in tells.
        if (attribute.hasType() && attribute.getType() != type) {
            throw new OnnxException("node '" + node.getName() + "' (" + node.getOpType() + "): attribute " + attribute.getName()
                    + " is of type " + attribute.getType() + ", expected " + type);
        }
        return attribute;
    }
}
