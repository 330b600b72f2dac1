package io.github.slim4j.core.quant;

import java.util.Arrays;

/**
 * Integer codes packed at exactly {@code bits} bits each, little-endian within the byte stream: two
 * 4-bit codes per byte, four 2-bit codes, one 8-bit code; wider codes span bytes. Codes are stored
 * as unsigned patterns; a signed format's codes are kept in two's complement of {@code bits} bits.
 *
 * <p>Bit order: code {@code i} occupies bits {@code [i·bits, (i+1)·bits)} of the stream, and stream
 * bit {@code j} is bit {@code j % 8} (0 the least significant) of byte {@code j / 8}. So the first
 * of two 4-bit codes sits in the low nibble of its byte, and a 12-bit code's low 8 bits fill a byte
 * before its high 4 bits start the next. The last byte's unused high bits are 0.
 *
 * <p>The array is the record's own and is not copied, since it can be large: treat it as read-only.
 *
 * @param bytes the packed stream, {@code ⌈count · bits / 8⌉} bytes
 * @param bits  bits per code, 1 to 31
 * @param count the number of codes
 */
public record PackedCodes(byte[] bytes, int bits, long count) {

    public PackedCodes {
        checkBits(bits);
        if (count < 0 || bytes.length != byteLength(count, bits)) {
            throw new IllegalArgumentException(bytes.length + " bytes cannot hold exactly " + count + " codes of " + bits + " bits");
        }
    }

    /**
     * Packs codes, each of which must fit in {@code bits} bits (signed or unsigned as given).
     *
     * @throws IllegalArgumentException for bits outside 1 to 31, or a code that does not fit, naming it
     */
    public static PackedCodes pack(int[] codes, int bits, boolean signed) {
        checkBits(bits);
        long lowest = signed ? -(1L << (bits - 1)) : 0;
        long highest = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < lowest || codes[i] > highest) {
                throw new IllegalArgumentException("code " + codes[i] + " at index " + i + " does not fit in " + bits
                        + (signed ? " signed" : " unsigned") + " bits (" + lowest + " to " + highest + ")");
            }
        }
        byte[] bytes = new byte[byteLength(codes.length, bits)];
        pack(codes, codes.length, bits, bytes, 0);
        return new PackedCodes(bytes, bits, codes.length);
    }

    /** Code {@code i}, sign-extended when {@code signed}. */
    public int code(long i, boolean signed) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("code " + i + " of " + count);
        }
        int[] code = new int[1];
        unpack(i, 1, signed, code);
        return code[0];
    }

    /** All codes, in order. */
    public int[] unpack(boolean signed) {
        int[] codes = new int[Math.toIntExact(count)];
        unpack(0, codes.length, signed, codes);
        return codes;
    }

    /** Bytes for {@code count} codes of {@code bits} bits. */
    static int byteLength(long count, int bits) {
        return Math.toIntExact((count * bits + Byte.SIZE - 1) / Byte.SIZE);
    }

    /**
     * Writes {@code codes[0..length)} as codes {@code position...} of the stream {@code out}, whose
     * bits from there on are still zero, so that a stream can be packed a chunk at a time.
     */
    static void pack(int[] codes, int length, int bits, byte[] out, long position) {
        long bit = position * bits;
        int at = (int) (bit / Byte.SIZE);
        if (bits == Byte.SIZE) {
            // Whole bytes: a narrowing store the JIT vectorizes.
            for (int i = 0; i < length; i++) {
                out[at + i] = (byte) codes[i];
            }
            return;
        }
        long mask = (1L << bits) - 1;
        // A chunk may start inside a byte that the previous chunk began: continue that byte.
        int pendingBits = (int) (bit % Byte.SIZE);
        long pending = pendingBits == 0 ? 0 : out[at] & ((1 << pendingBits) - 1);
        for (int i = 0; i < length; i++) {
            pending |= (codes[i] & mask) << pendingBits;
            pendingBits += bits;
            while (pendingBits >= Byte.SIZE) {
                out[at++] = (byte) pending;
                pending >>>= Byte.SIZE;
                pendingBits -= Byte.SIZE;
            }
        }
        if (pendingBits > 0) {
            out[at] = (byte) pending;
        }
    }

    /** Reads codes {@code position...position+length} into {@code codes[0..length)}. */
    void unpack(long position, int length, boolean signed, int[] codes) {
        long bit = position * bits;
        int at = (int) (bit / Byte.SIZE);
        if (bits == Byte.SIZE) {
            for (int i = 0; i < length; i++) {
                codes[i] = signed ? bytes[at + i] : bytes[at + i] & 0xFF;
            }
            return;
        }
        long mask = (1L << bits) - 1;
        int unused = Integer.SIZE - bits;
        int skip = (int) (bit % Byte.SIZE);
        long pending = 0;
        int pendingBits = 0;
        if (skip > 0) {
            pending = (bytes[at++] & 0xFF) >>> skip;
            pendingBits = Byte.SIZE - skip;
        }
        for (int i = 0; i < length; i++) {
            while (pendingBits < bits) {
                pending |= (long) (bytes[at++] & 0xFF) << pendingBits;
                pendingBits += Byte.SIZE;
            }
            int code = (int) (pending & mask);
            pending >>>= bits;
            pendingBits -= bits;
            codes[i] = signed ? code << unused >> unused : code;
        }
    }

    private static void checkBits(int bits) {
        if (bits < 1 || bits > 31) {
            throw new IllegalArgumentException("codes have 1 to 31 bits, got " + bits);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PackedCodes codes && bits == codes.bits && count == codes.count && Arrays.equals(bytes, codes.bytes);
    }

    @Override
    public int hashCode() {
        return (31 * bits + Long.hashCode(count)) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "PackedCodes[" + count + " codes of " + bits + " bits in " + bytes.length + " bytes]";
    }
}
