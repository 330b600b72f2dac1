package io.github.slim4j.onnx.dl4j;

import java.util.Arrays;
import io.github.slim4j.core.calib.inference.ValuePreserving;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J graph vertex configuration for an ONNX operation without parameters that DL4J lacks
 * (broadcast arithmetic, transpose, reshape), computed by its {@link VertexOp}. {@link #of} picks
 * the form: vertices that only move values are {@link ValuePreserving}, so quantization leaves them
 * without a point of their own.
 *
 * @see OnnxVertexImpl
 */
public class OnnxVertex extends GraphVertex {
    private static final long serialVersionUID = 1L;

    private final VertexOp op;
    private final long[] exampleShape;

    private OnnxVertex(VertexOp op, long[] exampleShape) {
        this.op = op;
        this.exampleShape = exampleShape.clone();
    }

    /**
     * @param exampleShape the output's shape after the batch axis, for DL4J's input-type bookkeeping
     */
    public static OnnxVertex of(VertexOp op, long[] exampleShape) {
        return op.preservesValues() ? new Moving(op, exampleShape) : new OnnxVertex(op, exampleShape);
    }

    /** A vertex whose output holds its input's values, rearranged. */
    static final class Moving extends OnnxVertex implements ValuePreserving {
        private static final long serialVersionUID = 1L;

        Moving(VertexOp op, long[] exampleShape) {
            super(op, exampleShape);
        }
    }

    public VertexOp op() {
        return op;
    }

    @Override
    public OnnxVertex clone() {
        return of(op, exampleShape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OnnxVertex vertex && vertex.op.equals(op) && Arrays.equals(vertex.exampleShape, exampleShape);
    }

    @Override
    public int hashCode() {
        return op.hashCode() * 31 + Arrays.hashCode(exampleShape);
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return op.inputs();
    }

    @Override
    public int maxVertexInputs() {
        return op.inputs();
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int index,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new OnnxVertexImpl(graph, name, index, op, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return switch (exampleShape.length) {
            case 1 -> InputType.feedForward(exampleShape[0]);
            case 2 -> InputType.recurrent(exampleShape[0], exampleShape[1]);
            case 3 -> InputType.convolutional(exampleShape[1], exampleShape[2], exampleShape[0]);
            default -> vertexInputs[0];
        };
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType output = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, OnnxVertex.class, inputTypes[0], output).standardMemory(0, 0)
                .workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "OnnxVertex(" + op + ")";
    }
}
