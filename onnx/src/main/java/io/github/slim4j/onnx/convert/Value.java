package io.github.slim4j.onnx.convert;

import io.github.slim4j.onnx.graph.TensorData;
import java.util.Arrays;

/** What an ONNX value name stands for while a graph is converted: an activation, or a constant. */
sealed interface Value permits Value.Activation, Value.Constant {

    /**
     * A tensor computed from the input, produced by a DL4J vertex (or the input itself).
     *
     * @param vertex the DL4J vertex or network input whose output it is
     * @param shape its ONNX shape, with {@link #BATCH} as the first dimension
     */
    record Activation(String vertex, long[] shape) implements Value {
        static final long BATCH = -1;

        public Activation {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        int rank() {
            return shape.length;
        }

        long dim(int axis) {
            return shape[axis];
        }

        /** The shape without the batch dimension. */
        long[] exampleShape() {
            return Arrays.copyOfRange(shape, 1, shape.length);
        }

        long exampleSize() {
            long size = 1;
            for (int i = 1; i < shape.length; i++) {
                size *= shape[i];
            }
            return size;
        }

        String describeShape() {
            StringBuilder text = new StringBuilder("[batch");
            for (int i = 1; i < shape.length; i++) {
                text.append(", ").append(shape[i]);
            }
            return text.append(']').toString();
        }
    }

    /**
     * A tensor known before any input arrives: an initializer, a Constant node's value, or
     * bookkeeping on shapes (Shape, Gather, Concat...) folded while converting. Integer shape
     * data may hold {@link ShapeOps#BATCH_SIZE} where a dimension is the batch size.
     */
    record Constant(TensorData data) implements Value {
    }
}
