package io.github.slim4j.onnx.export;

import io.github.slim4j.core.quant.FixedPointFormat;
import io.github.slim4j.core.quant.FloatFormat;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.PowerOfTwoFormat;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.onnx.OnnxException;

/**
 * Which quantized formats an ONNX file can hold for ONNX Runtime to run: integer codes that
 * {@code DequantizeLinear} reads, 4, 8 or 16 bits wide (and 7, ONNX Runtime's {@code reduce_range}
 * weights in int8). Anything else is refused before a byte is written, naming what to do instead.
 */
final class ExportableFormats {
    static final String INSTEAD = "export integer weights of 4, 7, 8 or 16 bits (%quantize MODEL --bits 8, say), "
            + "or write the dequantized weights as float32 with --float";

    private ExportableFormats() {
    }

    /** The code type the tensor's format is written in. */
    static CodeType codeType(String tensor, WeightFormat format) {
        if (format instanceof IntegerFormat integer) {
            CodeType type = CodeType.of(integer);
            if (type == null) {
                throw refused(tensor, format, integer.bits() + "-bit integer codes have no ONNX Runtime kernel");
            }
            return type;
        }
        String why;
        if (format instanceof FixedPointFormat) {
            why = "fixed point has no ONNX Runtime kernel";
        } else if (format instanceof PowerOfTwoFormat) {
            why = "powers of two have no ONNX Runtime kernel";
        } else if (format instanceof FloatFormat) {
            why = format.name() + " weights have no ONNX Runtime CPU kernel to run them";
        } else {
            why = "reduced-mantissa floats are a simulation, not an ONNX type";
        }
        throw refused(tensor, format, why);
    }

    private static OnnxException refused(String tensor, WeightFormat format, String why) {
        return new OnnxException("cannot export " + tensor + " as " + format.name() + ": " + why + "; " + INSTEAD);
    }
}
