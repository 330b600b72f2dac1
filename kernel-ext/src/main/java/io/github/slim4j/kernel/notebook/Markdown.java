package io.github.slim4j.kernel.notebook;

import com.google.gson.JsonObject;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Markdown to HTML as Jupyter renders it: CommonMark, GitHub tables, raw HTML kept. */
final class Markdown {

    private static final String ATTACHMENT_SCHEME = "attachment:";
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private Markdown() {
    }

    static String render(String markdown) {
        return render(markdown, new JsonObject());
    }

    /**
     * Renders a markdown cell. Images pasted into a cell are stored with it and referenced as
     * {@code attachment:NAME}; they become data URIs so the report stays one self-contained file.
     */
    static String render(String markdown, JsonObject attachments) {
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .attributeProviderFactory(context -> new AttachmentImages(attachments))
                .build();
        return "<div class=\"markdown\">" + renderer.render(PARSER.parse(markdown)) + "</div>";
    }

    private record AttachmentImages(JsonObject attachments) implements AttributeProvider {

        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Image image && image.getDestination().startsWith(ATTACHMENT_SCHEME)) {
                String name = image.getDestination().substring(ATTACHMENT_SCHEME.length());
                dataUri(name).ifPresent(uri -> attributes.put("src", uri));
            }
        }

        private Optional<String> dataUri(String name) {
            if (!attachments.has(name)) {
                return Optional.empty();
            }
            // Attachments hold pasted bitmaps, which nbformat stores as base64 under an image type.
            return attachments.getAsJsonObject(name).entrySet().stream()
                    .filter(bundle -> bundle.getKey().startsWith("image/") && !bundle.getKey().equals("image/svg+xml"))
                    .findFirst()
                    .map(bundle -> DataUri.of(bundle.getKey(), bundle.getValue().getAsString()));
        }
    }
}
