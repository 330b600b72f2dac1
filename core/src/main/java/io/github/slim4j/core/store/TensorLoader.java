package io.github.slim4j.core.store;

import io.github.slim4j.core.prune.Mask;
import io.github.slim4j.core.quant.PackedCodes;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.store.Manifest.MaskForm;
import io.github.slim4j.core.store.Manifest.SavedCodes;
import io.github.slim4j.core.store.Manifest.SavedTensor;
import io.github.slim4j.core.summary.TensorStorage.Encoding;
import io.github.slim4j.core.tensor.FloatArrays;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads back one parameter tensor that {@link TensorSaver} wrote, into the tensor it belongs to. */
final class TensorLoader {
    private final SafetensorsFile file;

    TensorLoader(SafetensorsFile file) {
        this.file = file;
    }

    /** What a tensor carries besides its values. */
    record Extras(Optional<QuantizedTensor> quantized, Optional<Mask> mask) {
    }

    /** Writes the tensor's values into {@code target}, which has its shape and type. */
    Extras load(SavedTensor saved, INDArray target) throws IOException {
        Optional<QuantizedTensor> quantized = Optional.empty();
        if (saved.quantized().isPresent()) {
            QuantizedTensor record = codes(saved, saved.quantized().get());
            record.dequantizeInto(target);
            quantized = Optional.of(record);
        } else if (saved.layout() == Encoding.DENSE) {
            target.assign(file.array(entry(saved.name())));
        } else {
            target.assign(sparseValues(saved));
        }
        return new Extras(quantized, mask(saved, target));
    }

    private INDArray sparseValues(SavedTensor saved) throws IOException {
        int elements = Math.toIntExact(saved.elements());
        float[] values = new float[elements];
        Arrays.fill(values, Float.intBitsToFloat((int) saved.zero()));
        SparseIndex index = index(saved);
        float[] stored = LittleEndian.floats(bytes(Part.VALUES.of(saved.name()), index.positions().length * Float.BYTES));
        for (int k = 0; k < stored.length; k++) {
            values[index.positions()[k]] = stored[k];
        }
        return FloatArrays.create(values, saved.shape());
    }

    private QuantizedTensor codes(SavedTensor saved, SavedCodes codes) throws IOException {
        WeightFormat format = WeightFormat.parse(codes.format());
        long elements = saved.elements();
        byte[] packedBytes;
        if (saved.layout() == Encoding.DENSE) {
            packedBytes = bytes(Part.CODES.of(saved.name()), (int) ((elements * codes.bits() + 7) / 8));
        } else {
            SparseIndex index = index(saved);
            int count = index.positions().length;
            int[] stored = new PackedCodes(bytes(Part.CODES.of(saved.name()), (int) (((long) count * codes.bits() + 7) / 8)), codes.bits(), count)
                    .unpack(false);
            int[] all = new int[Math.toIntExact(elements)];
            Arrays.fill(all, (int) saved.zero());
            for (int k = 0; k < count; k++) {
                all[index.positions()[k]] = stored[k];
            }
            packedBytes = PackedCodes.pack(all, codes.bits(), false).bytes();
        }
        PackedCodes packed = new PackedCodes(packedBytes, codes.bits(), elements);
        Optional<QParams> qparams = Optional.empty();
        if (file.entry(Part.SCALES.of(saved.name())).isPresent()) {
            float[] scales = LittleEndian.floats(bytes(Part.SCALES.of(saved.name()), -1));
            int[] zeroPoints = codes.zeroPoints()
                    ? LittleEndian.ints(bytes(Part.ZERO_POINTS.of(saved.name()), scales.length * Integer.BYTES))
                    : new int[scales.length];
            qparams = Optional.of(new QParams(scales, zeroPoints, codes.axis(), codes.groupSize(), codes.groupAxis()));
        }
        return new QuantizedTensor(format, saved.shape(), packed, qparams);
    }

    private Optional<Mask> mask(SavedTensor saved, INDArray target) throws IOException {
        if (saved.mask() == MaskForm.NONE) {
            return Optional.empty();
        }
        if (saved.mask() == MaskForm.NON_ZEROS) {
            return Optional.of(MaskBits.nonZeros(target));
        }
        int elements = Math.toIntExact(saved.elements());
        SparseIndex kept = SparseIndex.fromBitmask(elements, 1, bytes(Part.MASK.of(saved.name()), (elements + 7) / 8));
        boolean[] keep = new boolean[elements];
        for (int position : kept.positions()) {
            keep[position] = true;
        }
        return Optional.of(MaskBits.fromCOrder(keep, target));
    }

    private SparseIndex index(SavedTensor saved) throws IOException {
        int elements = Math.toIntExact(saved.elements());
        if (saved.layout() == Encoding.BITMASK) {
            return SparseIndex.fromBitmask(elements, saved.rows(), bytes(Part.NONZERO.of(saved.name()), (elements + 7) / 8));
        }
        return SparseIndex.fromRows(elements, saved.rows(), bytes(Part.INDPTR.of(saved.name()), (saved.rows() + 1) * Integer.BYTES),
                bytes(Part.INDICES.of(saved.name()), -1));
    }

    private SafetensorsFile.Entry entry(String name) {
        return file.entry(name).orElseThrow(() -> new CorruptFileException("its manifest names tensor '" + name + "', which it does not hold"));
    }

    /** An entry's bytes, which must number {@code expected} unless that is negative. */
    private byte[] bytes(String name, int expected) throws IOException {
        SafetensorsFile.Entry entry = entry(name);
        byte[] bytes = file.bytes(entry);
        if (expected >= 0 && bytes.length != expected) {
            throw new CorruptFileException("tensor '" + name + "' has " + bytes.length + " bytes where its manifest needs " + expected);
        }
        return bytes;
    }
}
