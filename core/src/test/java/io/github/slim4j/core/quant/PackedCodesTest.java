package io.github.slim4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PackedCodesTest {

    /** Little-endian within the stream: the first of two 4-bit codes is the low nibble; a 12-bit code's low byte comes first. */
    @Test
    void codesFillTheStreamFromItsLowestBit() {
        assertArrayEquals(new byte[] {0x21, 0x03}, PackedCodes.pack(new int[] {1, 2, 3}, 4, false).bytes());
        assertArrayEquals(new byte[] {0x0F}, PackedCodes.pack(new int[] {-1, 0}, 4, true).bytes());
        assertArrayEquals(new byte[] {(byte) 0xBC, 0x3A, 0x12}, PackedCodes.pack(new int[] {0xABC, 0x123}, 12, false).bytes());
        assertArrayEquals(new byte[] {(byte) 0b11_10_01_00}, PackedCodes.pack(new int[] {0, 1, 2, 3}, 2, false).bytes());
        assertArrayEquals(new byte[] {(byte) 0x80, 0x7F}, PackedCodes.pack(new int[] {-128, 127}, 8, true).bytes());
    }

    @Test
    void signedCodesComeBackSignExtended() {
        PackedCodes codes = PackedCodes.pack(new int[] {-8, 7, -1, 0, 3}, 4, true);
        assertArrayEquals(new int[] {-8, 7, -1, 0, 3}, codes.unpack(true));
        assertArrayEquals(new int[] {8, 7, 15, 0, 3}, codes.unpack(false));
        assertEquals(-1, codes.code(2, true));
        assertEquals(3, codes.bytes().length);
        assertEquals(5, codes.count());
    }

    /** A stream packed a chunk at a time, chunks starting inside a byte, is the stream packed at once. */
    @Test
    void packingInPiecesContinuesPartialBytes() {
        int[] codes = {5, 1, 6, 2, 7, 3, 0, 4, 1};
        byte[] pieces = new byte[PackedCodes.byteLength(codes.length, 3)];
        PackedCodes.pack(codes, 3, 3, pieces, 0);
        PackedCodes.pack(new int[] {2, 7, 3, 0}, 4, 3, pieces, 3);
        PackedCodes.pack(new int[] {4, 1}, 2, 3, pieces, 7);
        assertArrayEquals(PackedCodes.pack(codes, 3, false).bytes(), pieces);
    }

    @Test
    void codesThatDoNotFitAreRefused() {
        assertEquals("code 8 at index 1 does not fit in 4 signed bits (-8 to 7)",
                assertThrows(IllegalArgumentException.class, () -> PackedCodes.pack(new int[] {0, 8}, 4, true)).getMessage());
        assertEquals("code -1 at index 0 does not fit in 4 unsigned bits (0 to 15)",
                assertThrows(IllegalArgumentException.class, () -> PackedCodes.pack(new int[] {-1}, 4, false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PackedCodes(new byte[2], 4, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> PackedCodes.pack(new int[] {1}, 4, false).code(1, false));
    }
}
