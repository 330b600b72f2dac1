package io.github.slim4j.onnx.parity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the CPU offers that ONNX Runtime's integer kernels depend on, from Linux's /proc/cpuinfo. */
public final class CpuFeatures {
    private CpuFeatures() {
    }

    /** Whether the CPU has VNNI (AVX512-VNNI or AVX-VNNI), whose int8 dot products do not saturate. */
    public static boolean hasVnni() {
        try {
            String info = Files.readString(Path.of("/proc/cpuinfo"));
            return info.contains(" avx512_vnni") || info.contains(" avx_vnni");
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }
}
