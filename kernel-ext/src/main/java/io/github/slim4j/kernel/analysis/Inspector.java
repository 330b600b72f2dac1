package io.github.slim4j.kernel.analysis;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import jdk.jshell.SourceCodeAnalysis;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What Shift-Tab (Jupyter's {@code inspect_request}) and {@code NAME?} show: the signatures and,
 * where the JDK ships sources, the javadoc of the name under the cursor.
 *
 * <p>The cursor may be anywhere in the name or just after it. JShell only documents a method when
 * its opening parenthesis is present, so for {@code Math.max|} the name is looked up as written
 * and, failing that, as {@code Math.max(}.
 */
public final class Inspector {

    private final SourceCodeAnalysis analysis;

    public Inspector(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    public Optional<DisplayData> inspect(String code, int cursor) {
        int end = Math.min(Math.max(cursor, 0), code.length());
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        List<SourceCodeAnalysis.Documentation> docs = documentation(code, end);
        return docs.isEmpty() ? Optional.empty() : Optional.of(format(docs));
    }

    private List<SourceCodeAnalysis.Documentation> documentation(String code, int nameEnd) {
        int afterBlanks = nameEnd;
        while (afterBlanks < code.length() && Character.isWhitespace(code.charAt(afterBlanks))) {
            afterBlanks++;
        }
        if (afterBlanks < code.length() && code.charAt(afterBlanks) == '(') {
            return analysis.documentation(code, afterBlanks + 1, true);
        }
        List<SourceCodeAnalysis.Documentation> asWritten = analysis.documentation(code, nameEnd, true);
        if (!asWritten.isEmpty()) {
            return asWritten;
        }
        String asCall = code.substring(0, nameEnd) + "(";
        return analysis.documentation(asCall, asCall.length(), true);
    }

    private static DisplayData format(List<SourceCodeAnalysis.Documentation> docs) {
        DisplayData data = new DisplayData(docs.stream().map(Inspector::plain).collect(Collectors.joining("\n\n")));
        data.putHTML(docs.stream().map(Inspector::html).collect(Collectors.joining("\n")));
        return data;
    }

    private static String plain(SourceCodeAnalysis.Documentation doc) {
        return doc.javadoc() == null ? doc.signature() : doc.signature() + "\n" + doc.javadoc();
    }

    private static String html(SourceCodeAnalysis.Documentation doc) {
        String signature = "<pre>" + escape(doc.signature()) + "</pre>";
        return doc.javadoc() == null ? signature : signature + "<pre>" + escape(doc.javadoc()) + "</pre>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
