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
        super(message);
    }

    public OnnxException(String message, Throwable cause) {
        super(message, cause);
    }
}
