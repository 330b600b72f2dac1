package io.github.slim4j.onnx.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.StringStringEntryProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Measures one ONNX file in ONNX Runtime as a Java service would run it: a session with the given
 * intra-op threads and ONNX Runtime's other defaults (all graph optimizations), one input batch of
 * seeded uniform [0, 1) values, warm-up runs, then timed runs one after another. Two more sessions
 * then look inside without disturbing the timing: one profiled (which nodes ONNX Runtime ran, after
 * its fusions, and for how long), one without graph optimizations (the model's own convolutions and
 * matrix products, whose shapes give its MACs).
 */
public final class OrtBenchmark {
    /** Profiled runs after one warm-up: enough for stable shares, few enough for big models. */
    private static final int PROFILED_RUNS = 5;
    private static final long SEED = 42;

    private OrtBenchmark() {
    }

    /**
     * Measures the model, or returns empty when the thread is interrupted, with its interrupt flag
     * still set. Progress counts runs.
     *
     * @throws OnnxException when the file cannot be read or run, or its input does not take a batch
     *     of {@code settings.batch()} float examples
     */
    public static Optional<Measurement> measure(String name, Path file, BenchmarkSettings settings, ProgressListener progress) {
        ModelProto model = OnnxFile.readExported(file);
        ModelFacts facts = ModelFacts.of(model);
        long fileBytes = fileBytes(file);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        long total = settings.warmup() + settings.runs() + PROFILED_RUNS + 2;
        Path profiles = null;
        try {
            profiles = Files.createTempDirectory("slim4j-profile");
            long[] nanos = new long[settings.runs()];
            try (OrtSession session = session(environment, file, settings, OrtSession.SessionOptions.OptLevel.ALL_OPT, null);
                 OnnxTensor input = input(environment, session, settings.batch(), name)) {
                Map<String, OnnxTensor> feed = Map.of(session.getInputNames().iterator().next(), input);
                for (int run = 0; run < settings.warmup() + settings.runs(); run++) {
                    if (Thread.currentThread().isInterrupted()) {
                        return Optional.empty();
                    }
                    long start = System.nanoTime();
                    session.run(feed).close();
                    long elapsed = System.nanoTime() - start;
                    if (run >= settings.warmup()) {
                        nanos[run - settings.warmup()] = elapsed;
                    }
                    progress.progress(run + 1, total, name + ": " + (run < settings.warmup() ? "warm-up " + (run + 1) : "run " + (run + 1 - settings.warmup())));
                }
            }
            OrtProfile optimized = profile(environment, file, settings, OrtSession.SessionOptions.OptLevel.ALL_OPT, profiles.resolve("optimized"),
                    1 + PROFILED_RUNS, 1, name);
            if (Thread.currentThread().isInterrupted()) {
                return Optional.empty();
            }
            progress.progress(total - 1, total, name + ": profile");
            OrtProfile unoptimized = profile(environment, file, settings, OrtSession.SessionOptions.OptLevel.NO_OPT, profiles.resolve("plain"), 1, 0, name);
            progress.progress(total, total, name + ": done");
            Latencies latencies = Latencies.of(nanos);
            return Optional.of(new Measurement(name, fileBytes, facts, Macs.perExample(unoptimized.nodes(), settings.batch()), settings.batch(),
                    latencies, settings.batch() * 1000.0 / latencies.mean(), optimized.peakArenaBytes() + fileBytes, optimized));
        } catch (OrtException e) {
            throw new OnnxException("ONNX Runtime cannot run " + name + ": " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new OnnxException("cannot write ONNX Runtime's profile for " + name + ": " + e.getMessage(), e);
        } finally {
            deleteAll(profiles);
        }
    }

    private static OrtProfile profile(OrtEnvironment environment, Path file, BenchmarkSettings settings, OrtSession.SessionOptions.OptLevel level,
            Path prefix, int runs, int skipped, String name) throws OrtException {
        String written;
        try (OrtSession session = session(environment, file, settings, level, prefix);
             OnnxTensor input = input(environment, session, settings.batch(), name)) {
            Map<String, OnnxTensor> feed = Map.of(session.getInputNames().iterator().next(), input);
            for (int run = 0; run < runs && !Thread.currentThread().isInterrupted(); run++) {
                session.run(feed).close();
            }
            written = session.endProfiling();
        }
        return Thread.currentThread().isInterrupted() ? new OrtProfile(List.of(), 0) : OrtProfile.read(Path.of(written), skipped);
    }

    private static OrtSession session(OrtEnvironment environment, Path file, BenchmarkSettings settings, OrtSession.SessionOptions.OptLevel level,
            Path profilePrefix) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(settings.threads());
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(level);
            if (profilePrefix != null) {
                options.enableProfiling(profilePrefix.toString());
            }
            return environment.createSession(file.toString(), options);
        }
    }

    /** The batch, in the shape the model's one float input takes. */
    private static OnnxTensor input(OrtEnvironment environment, OrtSession session, int batch, String name) throws OrtException {
        if (session.getInputNames().size() != 1) {
            throw new OnnxException(name + " has " + session.getInputNames().size() + " inputs " + session.getInputNames()
                    + "; %benchmark runs models with one input");
        }
        String inputName = session.getInputNames().iterator().next();
        NodeInfo info = session.getInputInfo().get(inputName);
        if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new OnnxException(name + "'s input '" + inputName + "' is " + info.getInfo() + "; %benchmark feeds float tensors");
        }
        long[] shape = tensor.getShape().clone();
        if (shape.length == 0) {
            throw new OnnxException(name + "'s input '" + inputName + "' is a scalar; %benchmark feeds batches");
        }
        if (shape[0] > 0 && shape[0] != batch) {
            throw new OnnxException("--batch " + batch + " does not fit " + name + ": its input '" + inputName + "' has a fixed batch of "
                    + shape[0] + "; use --batch " + shape[0]);
        }
        shape[0] = batch;
        for (int d = 1; d < shape.length; d++) {
            if (shape[d] <= 0) {
                throw new OnnxException(name + "'s input '" + inputName + "' has shape " + Arrays.toString(tensor.getShape())
                        + ", with a free dimension besides the batch; %benchmark needs the others fixed");
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

    /**
     * The file and the external data files its tensors name, initializers and Constant nodes alike.
     * Read from the file as it is: the model {@link OnnxFile} returns has its external data read in.
     */
    private static long fileBytes(Path file) {
        try {
            ModelProto stored = ModelProto.parseFrom(Files.readAllBytes(file));
            List<TensorProto> tensors = new ArrayList<>(stored.getGraph().getInitializerList());
            stored.getGraph().getNodeList().forEach(node -> node.getAttributeList().forEach(attribute -> tensors.add(attribute.getT())));
            Set<String> locations = new LinkedHashSet<>();
            tensors.forEach(tensor -> tensor.getExternalDataList().stream().filter(entry -> entry.getKey().equals("location"))
                    .map(StringStringEntryProto::getValue).forEach(locations::add));
            long bytes = Files.size(file);
            Path folder = file.toAbsolutePath().getParent();
            for (String location : locations) {
                bytes += Files.size(folder.resolve(location));
            }
            return bytes;
        } catch (IOException e) {
            throw new OnnxException("cannot read " + file + ": " + e.getMessage(), e);
        }
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

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse("no message");
    }
}
