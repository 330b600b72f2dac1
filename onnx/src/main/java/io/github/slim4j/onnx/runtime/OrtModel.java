package io.github.slim4j.onnx.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.slim4j.core.tensor.FloatArrays;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 * Its threads do not spin between runs.
 */
public final class OrtModel implements AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final long fixedBatch;
    private final Set<String> floatOutputs = new HashSet<>();
    /** The shapes of the outputs fetched so far, by the shape of the batch they came from. */
    private final Map<List<Long>, Map<String, long[]>> outputShapes = new HashMap<>();

    private OrtModel(OrtEnvironment environment, OrtSession session) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.input = session.getInputNames().iterator().next();
        NodeInfo info = session.getInputInfo().get(input);
        long[] shape = ((TensorInfo) info.getInfo()).getShape();
        this.fixedBatch = shape.length > 0 && shape[0] > 0 ? shape[0] : -1;
        session.getOutputInfo().forEach((name, output) -> {
            if (output.getInfo() instanceof TensorInfo tensor && tensor.type == OnnxJavaType.FLOAT) {
                floatOutputs.add(name);
            }
        });
    }

    /**
     * A session on the model.
     *
     * @param threads intra-op threads; 0 lets ONNX Runtime choose
     */
    public static OrtModel of(ModelProto model, int threads) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // slim4j's runs alternate with Java work on the same cores (statistics, comparisons),
            // which ONNX Runtime's threads, spinning for the next run, would take: a calibration
            // pass's capture took 78 ms spinning and 48 ms without (CNN, 1,000 images, 2 cores).
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return new OrtModel(environment, environment.createSession(model.toByteArray(), options));
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime cannot load the model: " + OnnxException.firstLine(e.getMessage()), e);
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
        Map<String, long[]> shapes = outputShapes.computeIfAbsent(Arrays.stream(features.shape()).boxed().toList(), shape -> new HashMap<>());
        Map<String, INDArray> values = new HashMap<>();
        Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatArrays.memory(features), features.shape())) {
            pin(outputs, shapes, values, pinned);
            Set<String> fetched = new LinkedHashSet<>(outputs);
            fetched.removeAll(pinned.keySet());
            try (OrtSession.Result result = session.run(Map.of(input, tensor), fetched, pinned)) {
                for (String name : fetched) {
                    INDArray value = toArray(result.get(name).orElseThrow());
                    values.put(name, value);
                    shapes.put(name, value.shape());
                }
            }
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime failed on a batch of shape " + Arrays.toString(batch.shape()) + ": "
                    + OnnxException.firstLine(e.getMessage()), e);
        } finally {
            pinned.values().forEach(OnnxTensor::close);
            // ONNX Runtime read the input through a view that does not keep its memory alive.
            Reference.reachabilityFence(features);
        }
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        outputs.forEach(name -> ordered.put(name, values.get(name)));
        return ordered;
    }

    /*
     * ONNX Runtime writes a float output whose shape a batch of this shape has shown before
     * straight into a new ND4J array: one write where fetching it costs a native buffer, a copy to
     * the heap and a copy into ND4J, for every intermediate value of a calibration pass. Every op
     * slim4j reads has output shapes that follow from the input's shape.
     */
    private void pin(List<String> outputs, Map<String, long[]> shapes, Map<String, INDArray> values, Map<String, OnnxTensor> pinned)
            throws OrtException {
        for (String name : outputs) {
            long[] shape = shapes.get(name);
            if (shape != null && floatOutputs.contains(name) && !pinned.containsKey(name)) {
                INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
                pinned.put(name, OnnxTensor.createTensor(environment, FloatArrays.memory(array), shape));
                values.put(name, array);
            }
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
                INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
                FloatArrays.memory(array).put(tensor.getFloatBuffer());
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
                yield FloatArrays.create(values, shape);
            }
            default -> throw new OnnxException("ONNX Runtime gave a tensor of type " + tensor.getInfo().type
                    + "; slim4j reads float, uint8 and int8 outputs");
        };
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new OnnxException("cannot close the ONNX Runtime session: " + OnnxException.firstLine(e.getMessage()), e);
        }
    }
}
