package io.github.slim4j.benchmarks;

import io.github.slim4j.magics.MagicCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 12's end-to-end figures, as a user meets them: whole magics through the catalog against an
 * in-memory notebook, rendering included, with the process's peak resident memory. It prints
 * {@code name value} lines that {@code benchmarks/check_against_torch.py} sets beside PyTorch's
 * figures from the same run. A measurement, not a test: JMH's {@link MagicPathBenchmark} is the
 * steady-state view of the same paths.
 *
 * <p>Arguments: {@code prune10m}, {@code quantize100m}, {@code sequence} (the six magics on a
 * 100M-parameter state dict), or {@code billion} (in-place {@code %model}, {@code %prune} and
 * {@code %quantize} on 1B parameters).
 */
public final class MagicSequenceCheck {
    private static final int REPEATS = 5;

    private MagicSequenceCheck() {
    }

    public static void main(String[] args) throws IOException {
        MagicCatalog catalog = MagicCatalog.standard();
        for (String what : args) {
            switch (what) {
                case "prune10m" -> best(catalog, "prune10m", Nd4j.randn(DataType.FLOAT, 10_000_000),
                        List.of("prune", "x", "--sparsity", "0.5", "--as", "y"));
                case "quantize100m" -> best(catalog, "quantize100m", Nd4j.randn(DataType.FLOAT, 10_000, 10_000),
                        List.of("quantize", "x", "--bits", "8", "--scheme", "symmetric", "--granularity", "channel", "--as", "y"));
                case "sequence" -> sequence(catalog, 12, 4096, 2048, true);
                case "billion" -> billion(catalog);
                default -> throw new IllegalArgumentException("unknown check '" + what + "': prune10m, quantize100m, sequence, billion");
            }
        }
    }

    /** The fastest of five runs after two warm-up runs: a user's second call, not the JIT's first. */
    private static void best(MagicCatalog catalog, String name, INDArray x, List<String> command) {
        MapNotebook notebook = new MapNotebook();
        notebook.variables.put("x", x);
        long bestNanos = Long.MAX_VALUE;
        for (int i = 0; i < REPEATS + 2; i++) {
            notebook.variables.remove("y");
            long start = System.nanoTime();
            catalog.run(command.get(0), command.subList(1, command.size()), notebook);
            long took = System.nanoTime() - start;
            if (i >= 2) {
                bestNanos = Math.min(bestNanos, took);
            }
        }
        System.out.printf("%s_ms %.1f%n", name, bestNanos / 1e6);
    }

    private static void sequence(MagicCatalog catalog, int tensors, int rows, int columns, boolean report) throws IOException {
        if (report) {
            sequence(catalog, tensors, 256, 128, false); // compiles the paths first, as a user's earlier cells would have
        }
        MapNotebook notebook = new MapNotebook();
        Map<String, INDArray> stateDict = new LinkedHashMap<>();
        Nd4j.getRandom().setSeed(12);
        for (int i = 0; i < tensors; i++) {
            stateDict.put("layer" + i + ".weight", Nd4j.randn(DataType.FLOAT, rows, columns));
        }
        notebook.variables.put("sd", stateDict);
        long modelBytes = 4L * tensors * rows * columns;
        System.gc();
        long before = Memory.resident();
        Memory.resetPeak();
        long total = 0;
        for (List<String> command : List.of(
                List.of("model", "sd"),
                List.of("prune", "sd", "--sparsity", "0.5", "--scope", "global", "--as", "p"),
                List.of("quantize", "sd", "--bits", "8", "--as", "q"),
                List.of("sparsity", "p"),
                List.of("bitwidth", "q"),
                List.of("compare", "sd", "p", "q"))) {
            long start = System.nanoTime();
            catalog.run(command.get(0), command.subList(1, command.size()), notebook);
            long took = System.nanoTime() - start;
            total += took;
            if (report) {
                System.out.printf("sequence_%s_ms %.1f%n", command.get(0), took / 1e6);
            }
        }
        if (report) {
            System.out.printf("sequence_total_ms %.1f%n", total / 1e6);
            System.out.printf("sequence_model_mb %.1f%n", modelBytes / 1e6);
            System.out.printf("sequence_peak_growth_mb %.1f%n", (Memory.peak() - before) / 1e6);
        }
    }

    private static void billion(MagicCatalog catalog) throws IOException {
        MapNotebook notebook = new MapNotebook();
        Map<String, INDArray> stateDict = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            stateDict.put("block" + i + ".weight", Nd4j.rand(DataType.FLOAT, 8192, 7680).subi(0.5));
        }
        notebook.variables.put("big", stateDict);
        long before = Memory.resident();
        Memory.resetPeak();
        for (List<String> command : List.of(
                List.of("model", "big"),
                List.of("prune", "big", "--sparsity", "0.5"),
                List.of("quantize", "big", "--bits", "8"))) {
            long start = System.nanoTime();
            catalog.run(command.get(0), command.subList(1, command.size()), notebook);
            System.out.printf("billion_%s_ms %.1f%n", command.get(0), (System.nanoTime() - start) / 1e6);
        }
        System.out.printf("billion_model_mb %.1f%n", 4.0 * 16 * 8192 * 7680 / 1e6);
        System.out.printf("billion_peak_growth_mb %.1f%n", (Memory.peak() - before) / 1e6);
    }

    /** The process's resident memory from Linux's /proc, where the JVM's heap and ND4J's buffers both show. */
    private static final class Memory {
        private static final Path STATUS = Path.of("/proc/self/status");

        static long resident() throws IOException {
            return kilobytes("VmRSS:") * 1024;
        }

        static long peak() throws IOException {
            return kilobytes("VmHWM:") * 1024;
        }

        /** Linux resets the high-water mark to the current resident size when "5" is written here. */
        static void resetPeak() throws IOException {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        }

        private static long kilobytes(String field) throws IOException {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            throw new IOException(field + " is not in " + STATUS);
        }
    }
}
