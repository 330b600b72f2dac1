package io.github.slim4j.onnx.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.slim4j.onnx.OnnxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An ONNX Runtime session on a model file with one float input, fed one batch of seeded uniform
 * [0, 1) values: for timing runs, or profiled, for what ONNX Runtime ran and the shapes it saw.
 */
public final class ProfiledSession implements AutoCloseable {
    private static final long SEED = 42;

    private final OrtSession session;
    private final OnnxTensor input;
    private final Map<String, OnnxTensor> feed;
    private final boolean profiled;

    private ProfiledSession(OrtSession session, OnnxTensor input, boolean profiled) throws OrtException {
        this.session = session;
        this.input = input;
        this.feed = Map.of(session.getInputNames().iterator().next(), input);
        this.profiled = profiled;
    }

    /**
     * Opens a session.
     *
     * @param name what messages call the model
     * @param level ONNX Runtime's graph optimizations
     * @param profilePrefix where ONNX Runtime writes its profile, or null for none
     * @throws OnnxException when ONNX Runtime cannot load the model, or its input does not take a
     *     batch of {@code batch} float examples
     */
    public static ProfiledSession open(Path file, String name, int batch, int threads, OrtSession.SessionOptions.OptLevel level,
            Path profilePrefix) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(level);
            if (profilePrefix != null) {
                options.enableProfiling(profilePrefix.toString());
            }
            session = environment.createSession(file.toString(), options);
            return new ProfiledSession(session, input(environment, session, batch, name), profilePrefix != null);
        } catch (OrtException e) {
            close(session);
            throw new OnnxException("ONNX Runtime cannot run " + name + ": " + OnnxException.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            close(session);
            throw e;
        }
    }

    /**
     * The profile of {@code runs} runs after {@code skipped} warm-up runs, without graph
     * optimizations or with all of them; empty when the thread is interrupted.
     */
    public static OrtProfile profile(Path file, String name, int batch, int threads, OrtSession.SessionOptions.OptLevel level, int runs,
            int skipped) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("slim4j-profile");
            try (ProfiledSession session = open(file, name, batch, threads, level, folder.resolve("profile"))) {
                for (int run = 0; run < skipped + runs; run++) {
                    if (Thread.currentThread().isInterrupted()) {
                        return new OrtProfile(List.of(), 0);
                    }
                    session.run();
                }
                return OrtProfile.read(Path.of(session.endProfiling()), skipped);
            }
        } catch (IOException e) {
            throw new OnnxException("cannot write ONNX Runtime's profile for " + name + ": " + e.getMessage(), e);
        } finally {
            deleteAll(folder);
        }
    }

    /** One run, its outputs discarded. */
    public void run() {
        try {
            session.run(feed).close();
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime failed on a batch of shape " + Arrays.toString(input.getInfo().getShape()) + ": "
                    + OnnxException.firstLine(e.getMessage()), e);
        }
    }

    private String endProfiling() {
        try {
            return session.endProfiling();
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime did not write its profile: " + OnnxException.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        input.close();
        close(session);
    }

    private static void close(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // Closing frees native memory; there is nothing to do if it fails.
            }
        }
    }

    /** The batch, in the shape the model's one float input takes. */
    private static OnnxTensor input(OrtEnvironment environment, OrtSession session, int batch, String name) throws OrtException {
        if (session.getInputNames().size() != 1) {
            throw new OnnxException(name + " has " + session.getInputNames().size() + " inputs " + session.getInputNames()
                    + "; slim4j runs models with one input");
        }
        String inputName = session.getInputNames().iterator().next();
        NodeInfo info = session.getInputInfo().get(inputName);
        if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new OnnxException(name + "'s input '" + inputName + "' is " + info.getInfo() + "; slim4j feeds float tensors");
        }
        long[] shape = tensor.getShape().clone();
        if (shape.length == 0) {
            throw new OnnxException(name + "'s input '" + inputName + "' is a scalar; slim4j feeds batches");
        }
        if (shape[0] > 0 && shape[0] != batch) {
            throw new OnnxException("--batch " + batch + " does not fit " + name + ": its input '" + inputName + "' has a fixed batch of "
                    + shape[0] + "; use --batch " + shape[0]);
        }
        shape[0] = batch;
        for (int d = 1; d < shape.length; d++) {
            if (shape[d] <= 0) {
                throw new OnnxException(name + "'s input '" + inputName + "' has shape " + Arrays.toString(tensor.getShape())
                        + ", with a free dimension besides the batch; slim4j needs the others fixed");
            }
        }
        long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        FloatBuffer values = ByteBuffer.allocateDirect(Math.toIntExact(elements * Float.BYTES)).order(ByteOrder.nativeOrder()).asFloatBuffer();
        Random random = new Random(SEED);
        while (values.hasRemaining()) {
            values.put(random.nextFloat());
        }
        values.rewind();
        return OnnxTensor.createTensor(environment, values, shape);
    }

    private static void deleteAll(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(path);
            }
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // A profile left in the temporary folder is harmless.
        }
    }
}
