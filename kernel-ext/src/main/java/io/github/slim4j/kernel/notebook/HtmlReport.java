package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonObject;
import io.github.slim4j.magics.render.Html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notebook as one self-contained HTML page: markdown rendered, code with its {@code In [n]}
 * prompt, outputs inline. The page and its stylesheet come from {@code report.html}.
 */
final class HtmlReport {

    private static final String TEMPLATE = resource("report.html");

    /** A {@code {{name}}} slot in the template. */
    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");

    private HtmlReport() {
    }

    static void write(Notebook notebook, String title, Path file) throws IOException {
        Files.writeString(file, render(notebook, title), StandardCharsets.UTF_8);
    }

    static String render(Notebook notebook, String title) {
        StringBuilder cells = new StringBuilder();
        notebook.cells().forEach(cell -> cells.append(cell(cell)));
        return fill(Map.of("title", Html.escape(title), "cells", cells.toString()));
    }

    private static String cell(Cell cell) {
        if (cell instanceof Cell.Code code) {
            return codeCell(code);
        }
        Cell.Text text = (Cell.Text) cell;
        String body = text.kind() == Cell.Text.Kind.MARKDOWN
                ? Markdown.render(text.source(), text.attachments().orElseGet(JsonObject::new))
                : "<pre class=\"raw\">" + Html.escape(text.source()) + "</pre>";
        return "<div class=\"cell text\">" + row("", body) + "</div>\n";
    }

    private static String codeCell(Cell.Code code) {
        String source = "<pre class=\"source\">" + Html.escape(code.source()) + "</pre>";
        StringBuilder html = new StringBuilder("<div class=\"cell code\">");
        html.append(row("In [" + number(code.executionCount()) + "]:", source));
        for (Output output : code.outputs()) {
            String prompt = output instanceof Output.ExecuteResult result
                    ? "Out[" + number(result.executionCount()) + "]:"
                    : "";
            html.append(row(prompt, "<div class=\"output\">" + OutputHtml.render(output) + "</div>"));
        }
        return html.append("</div>\n").toString();
    }

    /** Jupyter's prompt number: blank for a cell that has not run. */
    private static String number(OptionalInt count) {
        return count.isPresent() ? String.valueOf(count.getAsInt()) : " ";
    }

    private static String row(String prompt, String body) {
        return "<div class=\"row\"><div class=\"prompt\">" + Html.escape(prompt) + "</div>" + body + "</div>";
    }

    /** Fills every slot in one pass, so text put into one slot is never read as another slot. */
    private static String fill(Map<String, String> slots) {
        Matcher slot = SLOT.matcher(TEMPLATE);
        StringBuilder page = new StringBuilder();
        while (slot.find()) {
            String content = Objects.requireNonNull(slots.get(slot.group(1)), "report.html has an unknown slot");
            slot.appendReplacement(page, Matcher.quoteReplacement(content));
        }
        slot.appendTail(page);
        return page.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the runner's " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
