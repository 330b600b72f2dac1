package io.github.slim4j.magics;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever line a user types for any magic, it either works or fails with one readable line that
 * names the magic, and a failed magic leaves the notebook's variables as they were.
 */
class MagicCatalogPropertiesTest {

    private static final MagicCatalog CATALOG = MagicCatalog.standard();
    private static final MultiLayerNetwork NET = TestModels.mlp(21);
    /** Magics whose work is to change a model in place when they succeed. */
    private static final Set<String> CHANGES_MODELS = Set.of("train", "prune", "quantize");
    /** Where %save and %export write the files random lines name, away from the checkout. */
    private static final Path FILES = folder();

    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("slim4j-properties");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> magics() {
        return Arbitraries.of(new ArrayList<>(CATALOG.names()));
    }

    @Provide
    Arbitrary<List<String>> words() {
        List<String> vocabulary = new ArrayList<>(List.of(
                "net", "copy", "data", "w", "weights", "label", "nothing", "nett", "extra",
                "0", "1", "2", "-1", "0.5", "1e9", "NaN", "many", "png", "svg", "none", "0_W", "layer", "model", "%model", "--", ""));
        for (String name : CATALOG.names()) {
            vocabulary.addAll(CATALOG.syntax(name).orElseThrow().namedLabels());
        }
        return Arbitraries.of(vocabulary).list().ofMaxSize(5);
    }

    @Property(tries = 300)
    void everyLineWorksOrFailsWithOneLineAndChangesNothing(@ForAll("magics") String magic, @ForAll("words") List<String> words) {
        MultiLayerNetwork net = NET.clone();
        INDArray before = net.params().dup();
        MultiLayerNetwork copy = NET.clone();
        INDArray weights = Nd4j.linspace(-1, 1, 12).reshape(3, 4);
        InMemoryNotebook notebook = new InMemoryNotebook().in(FILES)
                .with("net", net).with("copy", copy).with("data", TestModels.data(20, 10, 3))
                .with("w", weights).with("weights", Map.of("fc.weight", weights)).with("label", "text").with("nothing", null);
        try {
            Table table = CATALOG.run(magic, words, notebook);
            assertNotNull(table);
        } catch (MagicException error) {
            String message = error.getMessage();
            assertTrue(message.startsWith("%" + magic + ": "), message);
            assertFalse(message.contains("\n"), message);
            // "'nothing' is null" describes the variable; any other null is a message gone wrong.
            assertFalse(message.replace("' is null;", "").contains("null"), message);
            RawBits.assertIdentical(before, net.params(), "a failed %" + magic + " changed a model");
            return;
        } finally {
            Thread.interrupted();
        }
        assertEquals("text", notebook.variable("label"));
        if (!CHANGES_MODELS.contains(magic)) {
            RawBits.assertIdentical(before, net.params(), "%" + magic + " changed a model it only reads");
        }
    }
}
