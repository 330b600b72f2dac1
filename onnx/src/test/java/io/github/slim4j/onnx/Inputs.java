package io.github.slim4j.onnx;

import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorShapeProto;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Batches for a model, given the shape of one example (without the batch axis). */
final class Inputs {
    private Inputs() {
    }

    /** Pixels uniform in [0, 1), as images are; seeded. */
    /** The shape of one example of the model's first input: its shape without the batch axis. */
    static long[] exampleShape(ModelProto model) {
        List<TensorShapeProto.Dimension> dims = model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
        return dims.subList(1, dims.size()).stream().mapToLong(TensorShapeProto.Dimension::getDimValue).toArray();
    }

    static INDArray uniform(long[] example, long batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, batched(example, batch));
    }

    /** Standard normal values: far outside the training range, so that every saturation and sign shows. */
    static INDArray normal(long[] example, long batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, batched(example, batch));
    }

    /**
     * The Fashion-MNIST test set laid out as the model takes it: flat [784], NCHW [1, 28, 28] or
     * NHWC [28, 28, 1] (tf2onnx's Keras models).
     */
    static FashionMnist fashionMnist(long[] example) {
        FashionMnist test = FashionMnist.test();
        if (Arrays.equals(example, new long[] {784})) {
            return test.vectors();
        }
        if (Arrays.equals(example, new long[] {1, 28, 28})) {
            return test.images();
        }
        if (Arrays.equals(example, new long[] {28, 28, 1})) {
            return test.imagesChannelsLast();
        }
        throw new IllegalArgumentException("no Fashion-MNIST layout for examples of shape " + Arrays.toString(example));
    }

    /** Whether the model reads Fashion-MNIST images at all (torchvision's models take [3, 224, 224]). */
    static boolean takesFashionMnist(long[] example) {
        return example.length > 0 && Arrays.stream(example).reduce(1, (a, b) -> a * b) == 784;
    }

    private static long[] batched(long[] example, long batch) {
        long[] shape = new long[example.length + 1];
        shape[0] = batch;
        System.arraycopy(example, 0, shape, 1, example.length);
        return shape;
    }
}
