package io.github.slim4j.magics.help;

import io.github.slim4j.magics.InMemoryNotebook;
import io.github.slim4j.magics.MagicCatalog;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.spi.MimeBundle;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpMagicTest {

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final InMemoryNotebook notebook = new InMemoryNotebook();

    @Test
    void lsmagicListsEveryMagicOnceWithItsUsage() {
        Table table = catalog.run("lsmagic", List.of(), notebook);
        assertEquals(catalog.names().size(), table.rowCount());
        for (String name : catalog.names()) {
            assertTrue(table.stringColumn("magic").contains("%" + name), name);
        }
        assertTrue(table.stringColumn("usage").contains("%evaluate MODEL --data ITER"));
    }

    @Test
    void helpWithoutANameListsTheMagicsAfterAnIntroduction() {
        Table table = catalog.run("help", List.of(), notebook);
        assertEquals(catalog.names().size(), table.rowCount());
        List<MimeBundle> shown = notebook.displays();
        assertTrue(shown.get(0).data().containsKey(MimeBundle.TEXT_MARKDOWN));
        assertTrue(shown.get(1).data().get(MimeBundle.TEXT_HTML).contains("<table"));
    }

    @Test
    void helpForOneMagicShowsSynopsisDescriptionAndEveryArgument() {
        Table table = catalog.run("help", List.of("%model"), notebook);
        String page = notebook.displays().get(0).data().get(MimeBundle.TEXT_MARKDOWN);
        assertTrue(page.contains("%model MODEL [--layer L] [--bins N] [--chart png|svg|none]"), page);
        assertTrue(page.contains("logarithmic count axis"), page);
        assertEquals(List.of("MODEL", "--layer", "--bins", "--chart"), table.stringColumn("argument").asList());
        assertEquals("60", table.stringColumn("default").get(2));
        assertEquals("an integer from 2 to 1000", table.stringColumn("value").get(2));
    }

    @Test
    void helpAcceptsTheNameWithoutPercent() {
        assertEquals(2, catalog.run("help", List.of("evaluate"), notebook).rowCount());
    }

    @Test
    void helpForAnUnknownMagicSuggestsOne() {
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("help", List.of("modle"), notebook));
        assertEquals("%help: NAME 'modle' is not a magic; did you mean model? %lsmagic lists the magics", error.getMessage());
    }

    @Test
    void unknownMagicSuggestsOne() {
        MagicException error = assertThrows(MagicException.class, () -> catalog.run("evaluat", List.of(), notebook));
        assertEquals("unknown magic %evaluat; did you mean %evaluate? %lsmagic lists the magics", error.getMessage());
    }

    @Test
    void everyMagicHasASummaryADescriptionAndAnExample() {
        for (String name : catalog.names()) {
            var syntax = catalog.syntax(name).orElseThrow();
            assertTrue(!syntax.summary().isBlank() && !syntax.description().isBlank() && !syntax.examples().isEmpty(), name);
        }
    }
}
