package io.github.slim4j.core.memory;

import org.bytedeco.javacpp.Pointer;

/**
 * What the kernel's process holds against what it may hold, in bytes.
 *
 * @param resident   the process's resident memory: the Java heap and ND4J's off-heap buffers
 * @param limit      what it may hold, ND4J's guard (JavaCPP's {@code maxPhysicalBytes}); 0 for no limit
 * @param heapMax    the Java heap's limit ({@code -Xmx})
 */
public record MemoryGauge(long resident, long limit, long heapMax) {

    /** This process now, as JavaCPP measures it: the same figures its guard checks each allocation against. */
    public static MemoryGauge now() {
        return new MemoryGauge(Pointer.physicalBytes(), Pointer.maxPhysicalBytes(), Runtime.getRuntime().maxMemory());
    }

    /** Bytes left before the guard refuses an allocation; {@code Long.MAX_VALUE} without a limit. */
    public long room() {
        return limit <= 0 ? Long.MAX_VALUE : Math.max(0, limit - resident);
    }
}
