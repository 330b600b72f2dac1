package io.github.slim4j.magics.render;

import io.github.slim4j.magics.spi.MimeBundle;
import org.jsoup.nodes.Element;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A Tablesaw table as rich output: HTML for notebooks, and the aligned text Tablesaw prints for
 * consoles and plain-text readers. Both show every row: magic tables are summaries, never data.
 */
public final class TableRendering {

    private TableRendering() {
    }

    public static MimeBundle bundle(Table table) {
        return MimeBundle.html(html(table), table.printAll());
    }

    static String html(Table table) {
        StringWriter html = new StringWriter();
        try {
            new HtmlWriter().write(table, HtmlWriteOptions.builder(html).escapeText(true).elementCreator(TableRendering::element).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String caption = table.name() == null || table.name().isBlank()
                ? ""
                : "<caption style=\"caption-side:top;text-align:left;font-weight:bold\">" + Html.escape(table.name()) + "</caption>";
        return html.toString().replaceFirst("<table>", "<table>" + caption);
    }

    /** Names and words read left-aligned; numbers keep the notebook's right alignment so digits line up. */
    private static Element element(String name, Column<?> column, Integer row) {
        Element element = new Element(name);
        if (column instanceof StringColumn && (name.equals("td") || name.equals("th"))) {
            element.attr("style", "text-align:left");
        }
        return element;
    }
}
