package io.github.slim4j.core.store;

import io.github.slim4j.core.Slim4jException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/** The safetensors element types slim4j writes, each with the ND4J type it holds. */
enum SafeDtype {
    F64(DataType.DOUBLE, 8),
    F32(DataType.FLOAT, 4),
    F16(DataType.HALF, 2),
    BF16(DataType.BFLOAT16, 2),
    I64(DataType.LONG, 8),
    I32(DataType.INT, 4),
    I16(DataType.SHORT, 2),
    I8(DataType.BYTE, 1),
    U8(DataType.UBYTE, 1),
    BOOL(DataType.BOOL, 1);

    private final DataType nd4j;
    private final int bytes;

    SafeDtype(DataType nd4j, int bytes) {
        this.nd4j = nd4j;
        this.bytes = bytes;
    }

    DataType nd4j() {
        return nd4j;
    }

    int bytes() {
        return bytes;
    }

    static SafeDtype of(DataType type) {
        for (SafeDtype dtype : values()) {
            if (dtype.nd4j == type) {
                return dtype;
            }
        }
        throw new Slim4jException("slim4j cannot save tensors of type " + type + "; it saves " + names());
    }

    /** @throws IllegalArgumentException for a name this enum does not have (a corrupt or foreign file) */
    static SafeDtype named(String name) {
        for (SafeDtype dtype : values()) {
            if (dtype.name().equals(name)) {
                return dtype;
            }
        }
        throw new IllegalArgumentException("the element type '" + name + "' is not one of " + names());
    }

    private static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
