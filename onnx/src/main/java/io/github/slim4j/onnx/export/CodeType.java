package io.github.slim4j.onnx.export;

import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.PackedCodes;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;

/**
 * The ONNX element type that holds a format's integer codes for {@code DequantizeLinear}, and the
 * opset that type needs there: 8-bit codes (and 7-bit ones, ONNX Runtime's {@code reduce_range}
 * weights) in int8/uint8 from opset 10, 16-bit in int16/uint16 and 4-bit in int4/uint4 (two per
 * byte, the first in the low nibble, as slim4j packs them) from opset 21.
 */
enum CodeType {
    INT8(TensorProto.DataType.INT8_VALUE, 8, 10),
    UINT8(TensorProto.DataType.UINT8_VALUE, 8, 10),
    INT16(TensorProto.DataType.INT16_VALUE, 16, 21),
    UINT16(TensorProto.DataType.UINT16_VALUE, 16, 21),
    /** ONNX's INT4, 22, is newer than the onnx.proto slim4j builds from, so it goes by number. */
    INT4(22, 4, 21),
    /** ONNX's UINT4, 21. */
    UINT4(21, 4, 21);

    private final int onnxType;
    private final int storedBits;
    private final int opset;

    CodeType(int onnxType, int storedBits, int opset) {
        this.onnxType = onnxType;
        this.storedBits = storedBits;
        this.opset = opset;
    }

    int onnxType() {
        return onnxType;
    }

    int opset() {
        return opset;
    }

    /** The type for the format's codes, or null when ONNX Runtime has none for its width. */
    static CodeType of(IntegerFormat format) {
        return switch (format.bits()) {
            case 7, 8 -> format.signed() ? INT8 : UINT8;
            case 16 -> format.signed() ? INT16 : UINT16;
            case 4 -> format.signed() ? INT4 : UINT4;
            default -> null;
        };
    }

    /** The codes as this type's raw data: little-endian, packed for 4 bits. */
    byte[] raw(PackedCodes codes, boolean signed) {
        if (codes.bits() == storedBits) {
            return codes.bytes().clone();
        }
        return raw(codes.unpack(signed));
    }

    /** Codes already in range for this type, as raw data. */
    byte[] raw(int[] codes) {
        byte[] bytes = new byte[(int) ((long) codes.length * storedBits + 7) / 8];
        for (int i = 0; i < codes.length; i++) {
            switch (storedBits) {
                case 8 -> bytes[i] = (byte) codes[i];
                case 16 -> {
                    bytes[2 * i] = (byte) codes[i];
                    bytes[2 * i + 1] = (byte) (codes[i] >> 8);
                }
                default -> bytes[i / 2] |= (byte) ((codes[i] & 0xF) << (4 * (i % 2)));
            }
        }
        return bytes;
    }
}
