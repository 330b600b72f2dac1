package io.github.slim4j.onnx.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An ONNX model running in ONNX Runtime, the runtime a Java service deploys with: batches in,
 * named outputs out as float INDArrays. A model whose input has a fixed batch size runs batches of
 * any size: shorter ones are padded with zeros and the padding's rows dropped from the outputs.
 */
public final class OrtModel implements AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final long fixedBatch;

    private OrtModel(OrtEnvironment environment, OrtSession session) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.input = session.getInputNames().iterator().next();
        NodeInfo info = session.getInputInfo().get(input);
        long[] shape = ((TensorInfo) info.getInfo()).getShape();
        this.fixedBatch = shape.length > 0 && shape[0] > 0 ? shape[0] : -1;
    }

    /**
     * A session on the model.
     *
     * @param threads intra-op threads; 0 lets ONNX Runtime choose
     */
    public static OrtModel of(ModelProto model, int threads) {
        return of(model.toByteArray(), threads, false);
    }

    static OrtModel of(byte[] model, int threads, boolean profile) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            return new OrtModel(environment, environment.createSession(model, options));
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime cannot load the model: " + firstLine(e.getMessage()), e);
        }
    }

    /** The model's first output for the batch. */
    public INDArray output(INDArray batch) {
        return run(batch, List.of(session.getOutputNames().iterator().next())).values().iterator().next();
    }

    /** The named outputs for the batch. */
    public Map<String, INDArray> run(INDArray batch, List<String> outputs) {
        long rows = batch.size(0);
        if (fixedBatch > 0 && rows != fixedBatch) {
            return runInFixedBatches(batch, outputs);
        }
        INDArray features = batch.castTo(DataType.FLOAT).dup('c');
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(features.data().asFloat()), features.shape());
             OrtSession.Result result = session.run(Map.of(input, tensor), Set.copyOf(outputs))) {
            Map<String, INDArray> values = new LinkedHashMap<>();
            for (String name : outputs) {
                values.put(name, toArray(result.get(name).orElseThrow()));
            }
            return values;
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime failed on a batch of shape " + Arrays.toString(batch.shape()) + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    private Map<String, INDArray> runInFixedBatches(INDArray batch, List<String> outputs) {
        long rows = batch.size(0);
        Map<String, List<INDArray>> parts = new HashMap<>();
        for (long start = 0; start < rows; start += fixedBatch) {
            long end = Math.min(rows, start + fixedBatch);
            INDArray slice = batch.get(NDArrayIndex.interval(start, end));
            if (end - start < fixedBatch) {
                long[] shape = batch.shape().clone();
                shape[0] = fixedBatch;
                INDArray padded = Nd4j.zeros(DataType.FLOAT, shape);
                padded.get(NDArrayIndex.interval(0, end - start)).assign(slice);
                slice = padded;
            }
            long kept = end - start;
            run(slice, outputs).forEach((name, value) -> parts.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(value.get(NDArrayIndex.interval(0, kept)).dup()));
        }
        Map<String, INDArray> values = new LinkedHashMap<>();
        for (String name : outputs) {
            values.put(name, Nd4j.concat(0, parts.get(name).toArray(INDArray[]::new)));
        }
        return values;
    }

    private static INDArray toArray(OnnxValue value) throws OrtException {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new OnnxException("ONNX Runtime gave a " + value.getType() + " where slim4j expects a tensor");
        }
        long[] shape = tensor.getInfo().getShape();
        return switch (tensor.getInfo().type) {
            case FLOAT -> {
                // One bulk copy into the new array's memory: Nd4j.create(float[]) stores element by
                // element, which took half the time of a calibration pass (measured with JFR).
                INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
                array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(tensor.getFloatBuffer());
                yield array;
            }
            case UINT8, INT8 -> {
                ByteBuffer buffer = tensor.getByteBuffer();
                float[] values = new float[buffer.remaining()];
                boolean unsigned = tensor.getInfo().type == OnnxJavaType.UINT8;
                for (int i = 0; i < values.length; i++) {
                    byte b = buffer.get();
                    values[i] = unsigned ? Byte.toUnsignedInt(b) : b;
                }
                yield Nd4j.create(values, shape, 'c');
            }
            default -> throw new OnnxException("ONNX Runtime gave a tensor of type " + tensor.getInfo().type
                    + "; slim4j reads float, uint8 and int8 outputs");
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new OnnxException("cannot close the ONNX Runtime session: " + firstLine(e.getMessage()), e);
        }
    }
}
