package io.github.slim4j.core.model;

import org.nd4j.linalg.api.buffer.DataType;

/** ND4J element types in the vocabulary users know from NumPy and PyTorch. */
final class DataTypes {
    private DataTypes() {
    }

    static String numpyName(DataType type) {
        return switch (type) {
            case DOUBLE -> "float64";
            case FLOAT -> "float32";
            case HALF -> "float16";
            case BFLOAT16 -> "bfloat16";
            case LONG -> "int64";
            case INT -> "int32";
            case SHORT -> "int16";
            case BYTE -> "int8";
            case UBYTE -> "uint8";
            case UINT16 -> "uint16";
            case UINT32 -> "uint32";
            case UINT64 -> "uint64";
            case BOOL -> "bool";
            case UTF8 -> "utf8";
            case COMPRESSED, UNKNOWN -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static int bits(DataType type) {
        return type.width() * Byte.SIZE;
    }
}
