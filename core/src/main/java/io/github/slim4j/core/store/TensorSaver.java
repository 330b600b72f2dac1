package io.github.slim4j.core.store;

import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Mask;
import io.github.slim4j.core.quant.PackedCodes;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.store.Manifest.MaskForm;
import io.github.slim4j.core.store.Manifest.SavedCodes;
import io.github.slim4j.core.store.Manifest.SavedTensor;
import io.github.slim4j.core.summary.TensorStorage;
import io.github.slim4j.core.summary.TensorStorage.Encoding;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes one parameter tensor as {@code %bitwidth} counts it stored: its codes while a quantization
 * record describes it bit for bit, else its values; either in the smallest of the dense, bitmask
 * and CSR layouts ({@link TensorStorage}). A sparse layout is used only when every entry it leaves
 * out holds the same bits (+0, or the code of zero), so that loading puts back exactly what was
 * there; otherwise the tensor is written dense.
 */
final class TensorSaver {
    private final SafetensorsWriter out;

    TensorSaver(SafetensorsWriter out) {
        this.out = out;
    }

    SavedTensor save(ParamTensor tensor, Optional<QuantizedTensor> record, Optional<Mask> mask) {
        INDArray values = tensor.values();
        MaskForm maskForm = mask.map(kept -> saveMask(tensor.qualifiedName(), kept, values)).orElse(MaskForm.NONE);
        if (record.isPresent() && values.dataType() == DataType.FLOAT) {
            float[] decoded = record.get().dequantize().data().asFloat();
            if (sameBits(decoded, RawTensors.cOrder(values).data().asFloat())) {
                return saveCodes(tensor, record.get(), decoded, maskForm);
            }
        }
        return saveValues(tensor, maskForm);
    }

    private SavedTensor saveValues(ParamTensor tensor, MaskForm mask) {
        String name = tensor.qualifiedName();
        SafeDtype dtype = SafeDtype.of(tensor.values().dataType());
        if (dtype == SafeDtype.F32) {
            float[] values = RawTensors.cOrder(tensor.values()).data().asFloat();
            long nonZeros = count(values.length, i -> values[i] != 0);
            Encoding layout = TensorStorage.of(tensor.shape(), nonZeros, Float.SIZE).encoding();
            OptionalLong zero = sameBits(values.length, i -> values[i] == 0, i -> Float.floatToRawIntBits(values[i]));
            if (layout != Encoding.DENSE && zero.isPresent()) {
                SparseIndex index = SparseIndex.of(values.length, SparseIndex.rows(tensor.shape()), i -> values[i] != 0);
                writeIndex(name, layout, index);
                float[] stored = new float[index.positions().length];
                for (int k = 0; k < stored.length; k++) {
                    stored[k] = values[index.positions()[k]];
                }
                out.add(Part.VALUES.of(name), SafeDtype.F32, new long[] {stored.length}, LittleEndian.bytes(stored));
                return new SavedTensor(name, dtype, tensor.shape(), layout, zero.getAsLong(), Optional.empty(), mask);
            }
        }
        out.add(name, tensor.values());
        return new SavedTensor(name, dtype, tensor.shape(), Encoding.DENSE, 0, Optional.empty(), mask);
    }

    /** @param decoded the values the codes stand for, in C order: the tensor's own, bit for bit */
    private SavedTensor saveCodes(ParamTensor tensor, QuantizedTensor quantized, float[] decoded, MaskForm mask) {
        String name = tensor.qualifiedName();
        PackedCodes packed = quantized.codes();
        long nonZeros = count(decoded.length, i -> decoded[i] != 0);
        Encoding layout = TensorStorage.of(quantized, nonZeros).encoding();
        long zero = 0;
        if (layout == Encoding.DENSE) {
            out.add(Part.CODES.of(name), SafeDtype.U8, new long[] {packed.bytes().length}, packed.bytes());
        } else {
            int[] codes = packed.unpack(false);
            OptionalLong zeroCode = sameBits(codes.length, i -> decoded[i] == 0, i -> codes[i]);
            if (zeroCode.isPresent()) {
                zero = zeroCode.getAsLong();
                SparseIndex index = SparseIndex.of(codes.length, SparseIndex.rows(tensor.shape()), i -> decoded[i] != 0);
                writeIndex(name, layout, index);
                int[] stored = Arrays.stream(index.positions()).map(position -> codes[position]).toArray();
                byte[] bytes = PackedCodes.pack(stored, packed.bits(), false).bytes();
                out.add(Part.CODES.of(name), SafeDtype.U8, new long[] {bytes.length}, bytes);
            } else {
                layout = Encoding.DENSE;
                out.add(Part.CODES.of(name), SafeDtype.U8, new long[] {packed.bytes().length}, packed.bytes());
            }
        }
        Optional<SavedCodes> codes = Optional.of(saveParameters(name, quantized));
        return new SavedTensor(name, SafeDtype.F32, tensor.shape(), layout, zero, codes, mask);
    }

    private SavedCodes saveParameters(String name, QuantizedTensor quantized) {
        int axis = -1;
        int groupSize = 0;
        int groupAxis = -1;
        boolean zeroPoints = false;
        if (quantized.qparams().isPresent()) {
            QParams qparams = quantized.qparams().get();
            axis = qparams.axis();
            groupSize = qparams.groupSize();
            groupAxis = qparams.groupAxis();
            float[] scales = qparams.scales();
            out.add(Part.SCALES.of(name), SafeDtype.F32, new long[] {scales.length}, LittleEndian.bytes(scales));
            int[] points = qparams.zeroPoints();
            // As QParams.storageBits counts them: zero points only when one is not 0.
            zeroPoints = Arrays.stream(points).anyMatch(point -> point != 0);
            if (zeroPoints) {
                out.add(Part.ZERO_POINTS.of(name), SafeDtype.I32, new long[] {points.length}, LittleEndian.bytes(points));
            }
        }
        return new SavedCodes(quantized.format().name(), quantized.format().bits(), axis, groupSize, groupAxis, zeroPoints);
    }

    private MaskForm saveMask(String name, Mask mask, INDArray values) {
        if (MaskBits.isNonZeros(mask, values)) {
            return MaskForm.NON_ZEROS;
        }
        boolean[] kept = MaskBits.keptInCOrder(mask, values);
        SparseIndex index = SparseIndex.of(kept.length, 1, i -> kept[i]);
        out.add(Part.MASK.of(name), SafeDtype.U8, new long[] {index.bitmask().length}, index.bitmask());
        return MaskForm.STORED;
    }

    private void writeIndex(String name, Encoding layout, SparseIndex index) {
        if (layout == Encoding.BITMASK) {
            byte[] bits = index.bitmask();
            out.add(Part.NONZERO.of(name), SafeDtype.U8, new long[] {bits.length}, bits);
        } else {
            out.add(Part.INDPTR.of(name), SafeDtype.I32, new long[] {index.rows() + 1}, index.rowPointers());
            out.add(Part.INDICES.of(name), SafeDtype.I32, new long[] {index.positions().length}, index.columnIndices());
        }
    }

    /** Whether the record's values are the tensor's, bit for bit (−0 and +0 differ here, unlike in {@code describes}). */
    private static boolean sameBits(float[] decoded, float[] actual) {
        for (int i = 0; i < decoded.length; i++) {
            if (Float.floatToRawIntBits(decoded[i]) != Float.floatToRawIntBits(actual[i])) {
                return false;
            }
        }
        return true;
    }

    /** The bits every selected entry holds, when they all hold the same (or none is selected). */
    private static OptionalLong sameBits(int length, IntPredicate selected, java.util.function.IntToLongFunction bits) {
        Long common = null;
        for (int i = 0; i < length; i++) {
            if (selected.test(i)) {
                long entry = bits.applyAsLong(i);
                if (common == null) {
                    common = entry;
                } else if (common != entry) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.of(common == null ? 0 : common);
    }

    private static long count(int length, IntPredicate test) {
        long count = 0;
        for (int i = 0; i < length; i++) {
            if (test.test(i)) {
                count++;
            }
        }
        return count;
    }
}
