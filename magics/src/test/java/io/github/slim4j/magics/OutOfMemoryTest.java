package io.github.slim4j.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.memory.MemoryGauge;
import io.github.slim4j.core.memory.MemoryRoom;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.Syntax;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/**
 * Memory that does not suffice is one line, the model unchanged and no result defined. A test
 * cannot fill the machine, so the kernel's figures are fixed with {@link MemoryRoom#measuredBy}:
 * 1 MB of room left.
 */
class OutOfMemoryTest {
    private static final MemoryGauge ONE_MEGABYTE_LEFT = new MemoryGauge(999_000_000L, 1_000_000_000L, 250_000_000L);

    private final INDArray weights = Nd4j.rand(DataType.FLOAT, 1000, 1000);
    private final InMemoryNotebook notebook = new InMemoryNotebook().with("w", weights);

    @ParameterizedTest
    @ValueSource(strings = {"prune w --sparsity 0.5 --as copy", "quantize w --bits 8 --as copy"})
    void aCopyThatDoesNotFitIsRefusedBeforeItIsMade(String line) {
        INDArray before = weights.dup();
        List<String> words = List.of(line.split(" "));
        String message = MemoryRoom.measuredBy(ONE_MEGABYTE_LEFT, () -> assertThrows(MagicException.class,
                () -> MagicCatalog.standard().run(words.get(0), words.subList(1, words.size()), notebook)).getMessage());
        // 1,000 × 1,000 float32 weights: 4.0 MB.
        assertTrue(message.startsWith("%" + words.get(0) + ": a copy of w for --as needs 4.0 MB, but the kernel holds 999.0 MB of the 1.0 GB"),
                message);
        assertFalse(message.contains("\n"), message);
        assertEquals(List.of("w"), notebook.variableNames());
        RawBits.assertIdentical(before, weights);
    }

    @Test
    void memoryThatRunsOutInAMagicIsOneLineAndTheNextCommandRuns() {
        Magic exhausting = new Magic() {
            @Override
            public Syntax syntax() {
                return Syntax.builder("exhaust", "runs out of memory").build();
            }

            @Override
            public Table run(Arguments arguments, MagicContext context) {
                throw new OutOfMemoryError("Physical memory usage is too high: physicalBytes (1000M) > maxPhysicalBytes (1000M)");
            }
        };
        MagicCatalog catalog = MagicCatalog.standard().with(exhausting);
        String message = MemoryRoom.measuredBy(ONE_MEGABYTE_LEFT,
                () -> assertThrows(MagicException.class, () -> catalog.run("exhaust", List.of(), notebook)).getMessage());
        assertTrue(message.startsWith("%exhaust: out of memory: the kernel holds 999.0 MB of the 1.0 GB it may use; "), message);
        assertTrue(message.contains("-Dorg.bytedeco.javacpp.maxPhysicalBytes"), message);
        assertEquals("sparsity of w", catalog.run("sparsity", List.of("w"), notebook).name());
    }
}
