package io.github.slim4j.kernel.notebook;

import io.github.slim4j.magics.render.Html;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** One cell output as HTML, choosing among its mime types as Jupyter's HTML export does. */
final class OutputHtml {

    private record MimeRenderer(String mimeType, UnaryOperator<String> toHtml) {
    }

    /** The richest representation an output has wins; text/plain is the fallback every output has. */
    private static final List<MimeRenderer> BY_PREFERENCE = List.of(
            new MimeRenderer("text/html", html -> html),
            new MimeRenderer("image/svg+xml", svg -> svg),
            new MimeRenderer("image/png", png -> image("image/png", png)),
            new MimeRenderer("image/jpeg", jpeg -> image("image/jpeg", jpeg)),
            new MimeRenderer("image/gif", gif -> image("image/gif", gif)),
            new MimeRenderer("text/markdown", Markdown::render),
            new MimeRenderer("text/plain", text -> terminalText("text", text)));

    /** Colour and cursor codes from terminals and Java tracebacks, which HTML would show as litter. */
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]");

    private OutputHtml() {
    }

    static String render(Output output) {
        if (output instanceof Output.Stream stream) {
            return terminalText("stream " + stream.name(), stream.text());
        }
        if (output instanceof Output.Rich rich) {
            return rich(rich.content());
        }
        Output.Error error = (Output.Error) output;
        String text = error.traceback().isEmpty()
                ? error.ename() + ": " + error.evalue()
                : String.join("\n", error.traceback());
        return terminalText("error", text);
    }

    private static String rich(MimeContent content) {
        for (MimeRenderer renderer : BY_PREFERENCE) {
            Optional<String> value = content.text(renderer.mimeType());
            if (value.isPresent()) {
                return renderer.toHtml().apply(value.get());
            }
        }
        return "";
    }

    private static String image(String mimeType, String base64) {
        return "<img src=\"" + DataUri.of(mimeType, base64) + "\" alt=\"\">";
    }

    private static String terminalText(String cssClass, String text) {
        return "<pre class=\"" + cssClass + "\">" + Html.escape(ANSI_ESCAPE.matcher(text).replaceAll("")) + "</pre>";
    }
}
