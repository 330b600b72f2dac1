package io.github.slim4j.magics.render;

import io.github.slim4j.magics.spi.MimeBundle;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableRenderingTest {

    private final Table table = Table.create("<i>title</i>",
            StringColumn.create("layer", "<script>x</script>", "fc & co"),
            DoubleColumn.create("value", 1.5, 2.0));

    @Test
    void htmlEscapesNamesAndCellsAndCarriesTheTitle() {
        String html = TableRendering.bundle(table).data().get(MimeBundle.TEXT_HTML);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;"), html);
        assertTrue(html.contains("fc &amp; co"), html);
        assertTrue(html.contains("<caption") && html.contains("&lt;i&gt;title&lt;/i&gt;"), html);
    }

    @Test
    void textColumnsAreLeftAlignedAndNumbersAreNot() {
        String html = TableRendering.bundle(table).data().get(MimeBundle.TEXT_HTML);
        assertTrue(html.contains("<th style=\"text-align:left\">layer</th>"), html);
        assertTrue(html.contains("<th>value</th>"), html);
    }

    @Test
    void plainTextShowsEveryRow() {
        String plain = TableRendering.bundle(table).plain();
        assertTrue(plain.contains("fc & co") && plain.contains("1.5"), plain);
    }
}
