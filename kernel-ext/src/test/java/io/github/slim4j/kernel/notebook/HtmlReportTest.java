package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import static io.github.slim4j.kernel.notebook.TestNotebooks.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    /** A 1×1 PNG. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static Output.Display display(String dataJson) {
        return new Output.Display(new MimeContent(parse(dataJson).getAsJsonObject(), new JsonObject()));
    }

    private static Cell.Code code(String source, int count, Output... outputs) {
        return new Cell.Code(Optional.empty(), source, new JsonObject(), OptionalInt.of(count), List.of(outputs));
    }

    private static Cell.Text markdown(String source) {
        return new Cell.Text(Cell.Text.Kind.MARKDOWN, Optional.empty(), source, new JsonObject(), Optional.empty());
    }

    private static String render(Cell... cells) {
        return HtmlReport.render(new Notebook(4, new JsonObject(), List.of(cells)), "demo.ipynb");
    }

    @Test
    void escapesSourceStreamsAndPlainText() {
        String html = render(code("if (a < b && c > d) {}", 1,
                new Output.Stream("stdout", "<script>alert(1)</script>\n"),
                display("{\"text/plain\": \"List<String> & \\\"quotes\\\"\"}")));

        assertTrue(html.contains("if (a &lt; b &amp;&amp; c &gt; d) {}"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("List&lt;String&gt; &amp; &quot;quotes&quot;"), html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void embedsAPngAsADataUri() {
        String html = render(code("chart", 1, display("{\"image/png\": \"" + PNG + "\", \"text/plain\": \"<Figure>\"}")));

        assertTrue(html.contains("<img src=\"data:image/png;base64," + PNG + "\""), html);
        assertFalse(html.contains("&lt;Figure&gt;"), "the image is shown instead of its text: " + html);
    }

    @Test
    void removesLineBreaksThatSomeWritersPutIntoBase64() {
        String wrapped = PNG.substring(0, 40) + "\n" + PNG.substring(40);

        String html = render(code("chart", 1, display("{\"image/png\": \"" + wrapped.replace("\n", "\\n") + "\"}")));

        assertTrue(html.contains("data:image/png;base64," + PNG + "\""), html);
    }

    @Test
    void showsHtmlAndSvgInlineInPreferenceToPlainText() {
        String html = render(code("tables", 1,
                display("{\"text/html\": \"<table><tr><td>1</td></tr></table>\", \"text/plain\": \"a table\"}"),
                display("{\"image/svg+xml\": \"<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>\", \"text/plain\": \"svg\"}")));

        assertTrue(html.contains("<table><tr><td>1</td></tr></table>"), html);
        assertTrue(html.contains("<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>"), html);
        assertFalse(html.contains("a table"), html);
    }

    @Test
    void showsErrorsWithoutTheirAnsiColourCodes() {
        String html = render(code("boom()", 3, new Output.Error("IllegalStateException", "no",
                List.of("\u001B[1;31mIllegalStateException\u001B[0m: no", "\u001B[36m\tat boom(#1:1)\u001B[0m"))));

        assertTrue(html.contains("IllegalStateException: no\n\tat boom(#1:1)"), html);
        assertFalse(html.contains("\u001B"), html);
    }

    @Test
    void rendersMarkdownCellsWithTables() {
        String html = render(markdown("# Pruning\n\n| layer | sparsity |\n|---|---|\n| conv1 | 0.5 |\n\n*done*"));

        assertTrue(html.contains("<h1>Pruning</h1>"), html);
        assertTrue(html.contains("<td>conv1</td>"), html);
        assertTrue(html.contains("<em>done</em>"), html);
    }

    @Test
    void embedsImagesPastedIntoAMarkdownCell() {
        JsonObject attachments = parse("{\"pasted.png\": {\"image/png\": \"" + PNG + "\"}}").getAsJsonObject();
        Cell.Text cell = new Cell.Text(Cell.Text.Kind.MARKDOWN, Optional.empty(), "![diagram](attachment:pasted.png)",
                new JsonObject(), Optional.of(attachments));

        String html = render(cell);

        assertTrue(html.contains("src=\"data:image/png;base64," + PNG + "\""), html);
    }

    @Test
    void promptsWithTheExecutionCountAndMarksCellsThatDidNotRun() {
        Cell.Code notRun = new Cell.Code(Optional.empty(), "later()", new JsonObject(), OptionalInt.empty(), List.of());

        String html = render(code("x", 4, new Output.ExecuteResult(OptionalInt.of(4),
                new MimeContent(parse("{\"text/plain\": \"2\"}").getAsJsonObject(), new JsonObject()))), notRun);

        assertTrue(html.contains(">In [4]:<"), html);
        assertTrue(html.contains(">Out[4]:<"), html);
        assertTrue(html.contains(">In [ ]:<"), html);
    }

    @Test
    void needsNothingFromOutsideThePage() {
        String html = render(markdown("# Title"), code("x", 1, display("{\"text/plain\": \"1\"}")));

        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(html).find(), html);
        assertFalse(html.contains("<link"), html);
        assertFalse(html.contains("@import"), html);
        assertTrue(html.contains("<style>"), html);
    }

    @Test
    void titlesThePageWithTheNotebookNameEscaped() {
        String html = HtmlReport.render(new Notebook(4, new JsonObject(), List.of()), "<odd> {{cells}}.ipynb");

        assertTrue(html.contains("<title>&lt;odd&gt; {{cells}}.ipynb</title>"), html);
        assertEquals(html.indexOf("<main>"), html.lastIndexOf("<main>"));
    }
}
