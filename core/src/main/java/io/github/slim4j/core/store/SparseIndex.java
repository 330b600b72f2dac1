package io.github.slim4j.core.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntPredicate;

/**
 * Which entries of a tensor a sparse layout stores, in C order, and how the file says so: as a
 * bitmask (bit {@code i % 8} of byte {@code i / 8} set for a stored entry, as numpy's
 * {@code unpackbits(..., bitorder="little")} reads it) or as compressed sparse rows (int32 row
 * pointers and, per stored entry, its int32 column within its row).
 *
 * @param positions the stored entries' C-order indices, ascending
 */
record SparseIndex(int elements, int rows, int[] positions) {

    static SparseIndex of(int elements, int rows, IntPredicate stored) {
        int count = 0;
        for (int i = 0; i < elements; i++) {
            if (stored.test(i)) {
                count++;
            }
        }
        int[] positions = new int[count];
        int at = 0;
        for (int i = 0; i < elements; i++) {
            if (stored.test(i)) {
                positions[at++] = i;
            }
        }
        return new SparseIndex(elements, rows, positions);
    }

    /** The rows of the CSR layout for a tensor of this shape: its first dimension for a matrix or more, else 1. */
    static int rows(long[] shape) {
        return shape.length >= 2 ? Math.toIntExact(shape[0]) : 1;
    }

    int columns() {
        return rows == 0 ? 0 : elements / rows;
    }

    byte[] bitmask() {
        byte[] bits = new byte[(elements + 7) / 8];
        for (int position : positions) {
            bits[position >>> 3] |= (byte) (1 << (position & 7));
        }
        return bits;
    }

    static SparseIndex fromBitmask(int elements, int rows, byte[] bits) {
        if (bits.length != (elements + 7) / 8) {
            throw new CorruptFileException("a bitmask of " + bits.length + " bytes cannot mark " + elements + " entries");
        }
        return of(elements, rows, i -> (bits[i >>> 3] & (1 << (i & 7))) != 0);
    }

    byte[] rowPointers() {
        ByteBuffer pointers = ByteBuffer.allocate((rows + 1) * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        for (int row = 0; row <= rows; row++) {
            long rowStart = (long) row * columns();
            while (at < positions.length && positions[at] < rowStart) {
                at++;
            }
            pointers.putInt(at);
        }
        return pointers.array();
    }

    byte[] columnIndices() {
        ByteBuffer indices = ByteBuffer.allocate(positions.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int position : positions) {
            indices.putInt(position % columns());
        }
        return indices.array();
    }

    static SparseIndex fromRows(int elements, int rows, byte[] rowPointers, byte[] columnIndices) {
        ByteBuffer pointers = ByteBuffer.wrap(rowPointers).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer indices = ByteBuffer.wrap(columnIndices).order(ByteOrder.LITTLE_ENDIAN);
        int count = columnIndices.length / Integer.BYTES;
        int columns = rows == 0 ? 0 : elements / rows;
        if (rowPointers.length != (rows + 1) * Integer.BYTES || pointers.getInt(0) != 0 || pointers.getInt(rows * Integer.BYTES) != count) {
            throw new CorruptFileException("its row pointers do not describe " + rows + " rows holding " + count + " entries");
        }
        int[] positions = new int[count];
        int previous = -1;
        for (int row = 0; row < rows; row++) {
            for (int k = pointers.getInt(row * Integer.BYTES); k < pointers.getInt((row + 1) * Integer.BYTES); k++) {
                int column = indices.getInt(k * Integer.BYTES);
                int position = row * columns + column;
                if (column < 0 || column >= columns || position <= previous) {
                    throw new CorruptFileException("its column indices are not ascending columns of " + columns);
                }
                positions[k] = position;
                previous = position;
            }
        }
        return new SparseIndex(elements, rows, positions);
    }
}
