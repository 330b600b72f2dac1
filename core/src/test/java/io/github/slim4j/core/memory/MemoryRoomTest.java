package io.github.slim4j.core.memory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slim4j.core.Slim4jException;
import org.junit.jupiter.api.Test;

class MemoryRoomTest {
    private static final MemoryGauge NEARLY_FULL = new MemoryGauge(900_000_000L, 1_000_000_000L, 250_000_000L);

    @Test
    void anAllocationPastTheLimitIsOneLineWithWhatItNeedsWhatIsHeldAndTheSetting() {
        String message = MemoryRoom.measuredBy(NEARLY_FULL, () -> assertThrows(Slim4jException.class,
                () -> MemoryRoom.require(402_653_184L, "a copy of sd for --as")).getMessage());
        assertEquals("a copy of sd for --as needs 402.7 MB, but the kernel holds 900.0 MB of the 1.0 GB it may use; "
                + "free variables or raise the limit with -Dorg.bytedeco.javacpp.maxPhysicalBytes (all the kernel holds) "
                + "or -Xmx (the Java heap) in the kernelspec's kernel.args or bin/slim4j (see the README's \"Memory\")", message);
    }

    @Test
    void whatFitsUnderTheLimitAndAnyAllocationWithoutOnePass() {
        MemoryRoom.measuredBy(NEARLY_FULL, () -> {
            assertDoesNotThrow(() -> MemoryRoom.require(100_000_000L, "exactly the room left"));
            return null;
        });
        MemoryGauge unlimited = new MemoryGauge(900_000_000L, 0, 250_000_000L);
        MemoryRoom.measuredBy(unlimited, () -> {
            assertDoesNotThrow(() -> MemoryRoom.require(Long.MAX_VALUE / 2, "anything"));
            return null;
        });
        assertEquals(100_000_000L, NEARLY_FULL.room());
        assertEquals(0, new MemoryGauge(2_000, 1_000, 0).room());
    }

    @Test
    void memoryThatRanOutNamesTheLimitItMet() {
        String native_ = MemoryRoom.measuredBy(NEARLY_FULL, () -> MemoryRoom.describe(new OutOfMemoryError(
                "Cannot allocate new LongPointer(1): totalBytes = 0, physicalBytes = 1000M")));
        assertEquals("out of memory: the kernel holds 900.0 MB of the 1.0 GB it may use; free variables, work in place (without --as), "
                + "or raise the limit with -Dorg.bytedeco.javacpp.maxPhysicalBytes (all the kernel holds) or -Xmx (the Java heap) "
                + "in the kernelspec's kernel.args or bin/slim4j (see the README's \"Memory\")", native_);
        OutOfMemoryError fromAWorker = new OutOfMemoryError();
        fromAWorker.initCause(new OutOfMemoryError("Java heap space"));
        String heap = MemoryRoom.measuredBy(NEARLY_FULL, () -> MemoryRoom.describe(fromAWorker));
        assertEquals("out of memory: the Java heap's 250.0 MB is full; free variables, work in place (without --as), "
                + "or raise the limit with -Dorg.bytedeco.javacpp.maxPhysicalBytes (all the kernel holds) or -Xmx (the Java heap) "
                + "in the kernelspec's kernel.args or bin/slim4j (see the README's \"Memory\")", heap);
    }

    @Test
    void sizesAreDecimal() {
        assertEquals("0.5 kB", MemoryRoom.size(512));
        assertEquals("1.0 MB", MemoryRoom.size(1_000_000));
        assertEquals("999.9 MB", MemoryRoom.size(999_900_000));
        assertEquals("4.3 GB", MemoryRoom.size(4L << 30));
    }
}
