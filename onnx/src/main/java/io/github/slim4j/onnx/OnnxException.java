package io.github.slim4j.onnx;

import io.github.slim4j.core.Slim4jException;

/**
 * A problem with an ONNX file or with what slim4j can do with it, in one line that names the
 * file, node, tensor or option at fault and what is allowed instead. Loading or exporting that
 * fails this way has changed nothing: no variable is defined half-way, no file is left half-written.
 */
public class OnnxException extends Slim4jException {
    private static final long serialVersionUID = 1L;

    public OnnxException(String message) {
        super(oneLine(message));
    }

    public OnnxException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** The first line of another library's message (ONNX Runtime's carry stack traces), for one-line errors. */
    public static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Names quoted from a file may hold line breaks or other control characters: they are shown escaped, as Java writes them. */
    private static String oneLine(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }
}
