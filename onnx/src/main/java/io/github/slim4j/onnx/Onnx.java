package io.github.slim4j.onnx;

import io.github.slim4j.onnx.convert.OnnxImporter;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * ONNX in slim4j, from Java.
 *
 * <pre>{@code
 * ComputationGraph net = Onnx.load(Path.of("resnet.onnx"));   // every magic takes it
 * }</pre>
 */
public final class Onnx {
    private Onnx() {
    }

    /**
     * Reads an ONNX file into its trainable DL4J form, named and laid out as the file names it.
     *
     * @throws OnnxException for a file that cannot be read or imported, in one line
     */
    public static ComputationGraph load(Path path) {
        return OnnxImporter.convert(OnnxFile.read(path), path.getFileName().toString());
    }
}
