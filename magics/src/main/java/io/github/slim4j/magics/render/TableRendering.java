package io.github.slim4j.magics.render;

import io.github.slim4j.magics.spi.MimeBundle;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

import java.io.StringWriter;

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
        new HtmlWriter().write(table, HtmlWriteOptions.builder(html).build());
        String caption = table.name() == null || table.name().isBlank()
                ? ""
                : "<caption style=\"caption-side:top;text-align:left;font-weight:bold\">" + Html.escape(table.name()) + "</caption>";
        return html.toString().replaceFirst("<table>", "<table>" + caption);
    }
}
