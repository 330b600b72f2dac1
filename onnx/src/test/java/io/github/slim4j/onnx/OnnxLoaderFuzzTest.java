package io.github.slim4j.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The loader given broken files: every truncation or byte flip of a fixture either loads or is
 * refused with {@link OnnxException}, the documented error, within seconds and the tests' 2 GB heap.
 * An {@code OutOfMemoryError}, a protobuf or ND4J exception, or a hang fails the property.
 *
 * <p>Flips go where they break structure: mlp-ext.onnx keeps its weights in mlp-ext.onnx.data,
 * so its 2.8 KB are all graph, shapes and external-data records; valid.onnx is a 201-byte graph.
 * Truncation runs over the models whose weights are inline.
 */
class OnnxLoaderFuzzTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path WORK = temporaryFolder();

    @Provide
    Arbitrary<Path> inlineModels() {
        return Arbitraries.of(Fixtures.small("mlp.onnx"), Fixtures.small("cnn.onnx"), Fixtures.small("resnet-bn.onnx"),
                Fixtures.small("cnn-tf.onnx"));
    }

    @Provide
    Arbitrary<Path> structureOnlyModels() {
        return Arbitraries.of(Fixtures.small("mlp-ext.onnx"), Fixtures.BAD.resolve("valid.onnx"));
    }

    @Property(tries = 200)
    void aTruncatedFileLoadsOrIsRefusedWithTheDocumentedError(@ForAll("inlineModels") Path model,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double kept) throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        byte[] truncated = Arrays.copyOf(bytes, (int) (bytes.length * kept));
        assertLoadsOrIsRefused(model, truncated);
    }

    @Property(tries = 3000)
    void aFileWithFlippedBytesLoadsOrIsRefusedWithTheDocumentedError(@ForAll("structureOnlyModels") Path model,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> positions,
            @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        for (int position : positions) {
            bytes[position % bytes.length] ^= (byte) mask;
        }
        assertLoadsOrIsRefused(model, bytes);
    }

    /** Written beside a copy of the fixture's external data, so that a flip, not a missing file, is what the loader meets. */
    private static void assertLoadsOrIsRefused(Path original, byte[] bytes) throws IOException {
        Path file = WORK.resolve(original.getFileName());
        Files.write(file, bytes);
        Path data = original.resolveSibling(original.getFileName() + ".data");
        if (Files.exists(data) && !Files.exists(file.resolveSibling(data.getFileName()))) {
            Files.copy(data, file.resolveSibling(data.getFileName()));
        }
        assertTimeoutPreemptively(PATIENCE, () -> {
            try {
                Onnx.load(file);
            } catch (OnnxException refused) {
                assertNotNull(refused.getMessage());
                assertFalse(refused.getMessage().contains("\n"), "more than one line: " + refused.getMessage());
            }
        }, () -> original.getFileName() + " took longer than " + PATIENCE + " to load or refuse");
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("slim4j-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void removeTemporaryFolder() throws IOException {
        try (Stream<Path> files = Files.walk(WORK)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
