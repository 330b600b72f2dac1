package io.github.slim4j.core.store;

import io.github.slim4j.core.Slim4jException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/** The safetensors element types slim4j writes, each with the ND4J type it holds. */
enum SafeDtype {
    F64(DataType.DOUBLE, 8, "float64"),
    F32(DataType.FLOAT, 4, "float32"),
    F16(DataType.HALF, 2, "float16"),
    BF16(DataType.BFLOAT16, 2, "bfloat16"),
    I64(DataType.LONG, 8, "int64"),
    I32(DataType.INT, 4, "int32"),
    I16(DataType.SHORT, 2, "int16"),
    I8(DataType.BYTE, 1, "int8"),
    U8(DataType.UBYTE, 1, "uint8"),
    BOOL(DataType.BOOL, 1, "bool");

    private final DataType nd4j;
    private final int bytes;
    private final String numpyName;

    SafeDtype(DataType nd4j, int bytes, String numpyName) {
        this.nd4j = nd4j;
        this.bytes = bytes;
        this.numpyName = numpyName;
    }

    /** The type as numpy names it, as tables show an unquantized tensor's format. */
    String numpyName() {
        return numpyName;
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
