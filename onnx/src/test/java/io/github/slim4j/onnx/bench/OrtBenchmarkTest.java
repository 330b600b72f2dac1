package io.github.slim4j.onnx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.onnx.OnnxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrtBenchmarkTest {
    private static final Path MODELS = Path.of("..", "models");
    private static final BenchmarkSettings SETTINGS = new BenchmarkSettings(8, 2, 3, 1);

    /** conv1 16·28·28·(1·3·3) + conv2 32·14·14·(16·3·3) + fc1 64·1568 + fc2 10·64, per image. */
    @Test
    void theCnnIsMeasuredWithItsMacsWorkedByHand() throws Exception {
        List<Long> progress = new ArrayList<>();
        Measurement cnn = OrtBenchmark.measure("cnn", MODELS.resolve("cnn.onnx"), SETTINGS, (done, total, detail) -> progress.add(done)).orElseThrow();
        assertEquals(112_896 + 903_168 + 100_352 + 640, cnn.macs());
        assertEquals(Files.size(MODELS.resolve("cnn.onnx")), cnn.fileBytes());
        assertEquals(8, cnn.batch());
        assertTrue(cnn.latencies().p50() > 0 && cnn.latencies().p95() >= cnn.latencies().p50());
        assertEquals(8 * 1000.0 / cnn.latencies().mean(), cnn.throughput(), 1e-9);
        assertTrue(cnn.peakMemoryBytes() > cnn.fileBytes());
        assertTrue(cnn.profile().nodes().stream().anyMatch(node -> node.op().equals("MaxPool")));
        assertEquals(List.of(1L, 2L, 3L, 4L), progress.subList(0, 4));
    }

    @Test
    void externalDataCountsInTheFileSize() throws Exception {
        Measurement mlp = OrtBenchmark.measure("mlp-ext", MODELS.resolve("mlp-ext.onnx"), SETTINGS, ProgressListener.NONE).orElseThrow();
        assertEquals(Files.size(MODELS.resolve("mlp-ext.onnx")) + Files.size(MODELS.resolve("mlp-ext.onnx.data")), mlp.fileBytes());
    }

    @Test
    void aFixedBatchThatDiffersIsRefusedWithTheOneThatFits() {
        OnnxException refused = assertThrows(OnnxException.class,
                () -> OrtBenchmark.measure("cnn-tf", MODELS.resolve("cnn-tf.onnx"), SETTINGS, ProgressListener.NONE));
        assertTrue(refused.getMessage().startsWith("--batch 8 does not fit cnn-tf: its input '"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("has a fixed batch of 50; use --batch 50"), refused.getMessage());
    }

    @Test
    void anInterruptStopsTheMeasurementWithTheFlagKept() {
        Thread.currentThread().interrupt();
        try {
            assertEquals(Optional.empty(), OrtBenchmark.measure("cnn", MODELS.resolve("cnn.onnx"), SETTINGS, ProgressListener.NONE));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void settingsOutOfRangeAreNamed() {
        assertEquals("runs must be at least 2, got 1", assertThrows(Slim4jException.class, () -> new BenchmarkSettings(1, 1, 1, 0)).getMessage());
        assertEquals("batch must be at least 1, got 0", assertThrows(Slim4jException.class, () -> new BenchmarkSettings(0, 1, 2, 0)).getMessage());
    }
}
