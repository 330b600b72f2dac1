package io.github.slim4j.onnx.graph;

import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ONNX tensor's values read into Java: real-valued types as floats, integer types as longs.
 * ONNX stores a tensor either in {@code raw_data} (little-endian) or in a typed repeated field;
 * both are read here, and a length that does not match the shape is an error.
 *
 * @param floats the values in C order for FLOAT and DOUBLE tensors, else null
 * @param ints the values in C order for integer and BOOL tensors, else null
 */
public record TensorData(String name, long[] shape, int dataType, float[] floats, long[] ints) {

    public static TensorData of(TensorProto tensor) {
        long[] shape = tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
        String name = tensor.getName();
        if (Arrays.stream(shape).anyMatch(dim -> dim < 0)) {
            throw new OnnxException("tensor '" + name + "' has a negative dimension in its shape " + Arrays.toString(shape));
        }
        long count = elements(shape);
        if (count > Integer.MAX_VALUE) {
            throw new OnnxException("tensor '" + name + "' has shape " + Arrays.toString(shape) + ", more elements than one Java array holds");
        }
        int n = (int) count;
        int type = tensor.getDataType();
        boolean raw = tensor.hasRawData();
        return switch (type) {
            case TensorProto.DataType.FLOAT_VALUE -> new TensorData(name, shape, type,
                    raw ? rawFloats(tensor, n) : typedFloats(tensor, n), null);
            case TensorProto.DataType.DOUBLE_VALUE -> new TensorData(name, shape, type, raw ? rawDoubles(tensor, n) : typedDoubles(tensor, n), null);
            case TensorProto.DataType.INT64_VALUE -> new TensorData(name, shape, type, null, raw ? rawLongs(tensor, n) : typedLongs(tensor, n));
            case TensorProto.DataType.INT32_VALUE, TensorProto.DataType.INT16_VALUE, TensorProto.DataType.INT8_VALUE,
                    TensorProto.DataType.UINT8_VALUE, TensorProto.DataType.UINT16_VALUE, TensorProto.DataType.BOOL_VALUE ->
                    new TensorData(name, shape, type, null, raw ? rawSmallInts(tensor, n, type) : typedInts(tensor, n));
            default -> throw new OnnxException("tensor '" + name + "' has data type " + typeName(type)
                    + "; slim4j reads float, double, int8/16/32/64, uint8/16 and bool tensors");
        };
    }

    /**
     * How many elements a shape of non-negative dimensions holds, or {@link Long#MAX_VALUE} when
     * that is more than one Java array holds: a corrupt file's shape may overflow a long.
     */
    public static long elements(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim != 0 && count > Integer.MAX_VALUE / dim) {
                return Arrays.stream(shape).anyMatch(d -> d == 0) ? 0 : Long.MAX_VALUE;
            }
            count *= dim;
        }
        return count;
    }

    /** A float tensor of this shape and these values. */
    public static TensorData ofFloats(String name, long[] shape, float[] values) {
        return new TensorData(name, shape.clone(), TensorProto.DataType.FLOAT_VALUE, values, null);
    }

    /** An int64 tensor of this shape and these values. */
    public static TensorData ofLongs(String name, long[] shape, long[] values) {
        return new TensorData(name, shape.clone(), TensorProto.DataType.INT64_VALUE, null, values);
    }

    /** The same values under another name. */
    public TensorData named(String other) {
        return new TensorData(other, shape, dataType, floats, ints);
    }

    public boolean isReal() {
        return floats != null;
    }

    public int rank() {
        return shape.length;
    }

    public long count() {
        return floats != null ? floats.length : ints.length;
    }

    /** The values as a float32 INDArray of this shape (rank 0 for a scalar). */
    public INDArray toArray() {
        float[] values = floats != null ? floats : toFloats(ints);
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    /** The values as doubles, whatever their type. */
    public double[] doubles() {
        double[] values = new double[(int) count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = floats != null ? floats[i] : ints[i];
        }
        return values;
    }

    /** The values as longs, for integer tensors (shapes, axes, pads). */
    public long[] longs(String what) {
        if (ints == null) {
            throw new OnnxException(what + " '" + name + "' must be an integer tensor, not " + typeName(dataType));
        }
        return ints.clone();
    }

    /** ONNX's name of a data type, e.g. "FLOAT", or the number when it is not one. */
    public static String typeName(int type) {
        TensorProto.DataType known = TensorProto.DataType.forNumber(type);
        return known == null ? "number " + type : known.name();
    }

    private static float[] toFloats(long[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = values[i];
        }
        return floats;
    }

    private static ByteBuffer raw(TensorProto tensor, int count, int width) {
        ByteBuffer bytes = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if ((long) count * width != bytes.remaining()) {
            throw new OnnxException("tensor '" + tensor.getName() + "' holds " + bytes.remaining() + " bytes of raw data but its shape "
                    + Arrays.toString(tensor.getDimsList().toArray()) + " needs " + (long) count * width);
        }
        return bytes;
    }

    private static float[] rawFloats(TensorProto tensor, int count) {
        float[] values = new float[count];
        raw(tensor, count, Float.BYTES).asFloatBuffer().get(values);
        return values;
    }

    private static float[] rawDoubles(TensorProto tensor, int count) {
        ByteBuffer bytes = raw(tensor, count, Double.BYTES);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) bytes.getDouble();
        }
        return values;
    }

    private static long[] rawLongs(TensorProto tensor, int count) {
        long[] values = new long[count];
        raw(tensor, count, Long.BYTES).asLongBuffer().get(values);
        return values;
    }

    private static long[] rawSmallInts(TensorProto tensor, int count, int type) {
        long[] values = new long[count];
        switch (type) {
            case TensorProto.DataType.INT32_VALUE -> {
                ByteBuffer bytes = raw(tensor, count, Integer.BYTES);
                for (int i = 0; i < count; i++) {
                    values[i] = bytes.getInt();
                }
            }
            case TensorProto.DataType.INT16_VALUE, TensorProto.DataType.UINT16_VALUE -> {
                ByteBuffer bytes = raw(tensor, count, Short.BYTES);
                for (int i = 0; i < count; i++) {
                    short v = bytes.getShort();
                    values[i] = type == TensorProto.DataType.UINT16_VALUE ? Short.toUnsignedLong(v) : v;
                }
            }
            default -> {
                ByteBuffer bytes = raw(tensor, count, Byte.BYTES);
                for (int i = 0; i < count; i++) {
                    byte v = bytes.get();
                    values[i] = type == TensorProto.DataType.INT8_VALUE ? v : Byte.toUnsignedLong(v);
                }
            }
        }
        return values;
    }

    private static float[] typedFloats(TensorProto tensor, int count) {
        checkCount(tensor, tensor.getFloatDataCount(), count);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = tensor.getFloatData(i);
        }
        return values;
    }

    private static float[] typedDoubles(TensorProto tensor, int count) {
        checkCount(tensor, tensor.getDoubleDataCount(), count);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) tensor.getDoubleData(i);
        }
        return values;
    }

    private static long[] typedLongs(TensorProto tensor, int count) {
        checkCount(tensor, tensor.getInt64DataCount(), count);
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = tensor.getInt64Data(i);
        }
        return values;
    }

    /** int32, int16, int8, uint8, uint16 and bool keep their values in int32_data. */
    private static long[] typedInts(TensorProto tensor, int count) {
        checkCount(tensor, tensor.getInt32DataCount(), count);
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = tensor.getInt32Data(i);
        }
        return values;
    }

    private static void checkCount(TensorProto tensor, int stored, int count) {
        if (stored != count) {
            throw new OnnxException("tensor '" + tensor.getName() + "' holds " + stored + " values but its shape "
                    + Arrays.toString(tensor.getDimsList().toArray()) + " has " + count);
        }
    }
}
