package io.github.slim4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code refdata/} is a copy of the workplace's {@code shared/refdata}: where
 * that original sits beside the checkout, the copy must hold the same cases, byte for byte. (The
 * copy's README adds a paragraph about the copy, so it is left out.)
 */
class RefDataCopyTest {

    @Test
    void theCopyHoldsTheSharedCasesByteForByte() throws IOException {
        Path copy = RefData.locate();
        Path original = copy.getParent().resolveSibling("shared").resolve("refdata");
        assumeTrue(Files.isDirectory(original), "no shared/refdata beside the checkout to compare with");
        assertEquals(cases(original).stream().map(original::relativize).toList(), cases(copy).stream().map(copy::relativize).toList());
        for (Path file : cases(original)) {
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy.resolve(original.relativize(file))), file.toString());
        }
    }

    private static List<Path> cases(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().equals("README.md")).sorted().toList();
        }
    }
}
