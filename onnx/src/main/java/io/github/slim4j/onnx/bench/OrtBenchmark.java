package io.github.slim4j.onnx.bench;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.onnx.OnnxException;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.StringStringEntryProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Measures one ONNX file in ONNX Runtime as a Java service would run it: a session with the given
 * intra-op threads and ONNX Runtime's other defaults (all graph optimizations), one input batch of
 * seeded uniform [0, 1) values, warm-up runs, then timed runs one after another. Two more sessions
 * then look inside without disturbing the timing: one profiled (which nodes ONNX Runtime ran, after
 * its fusions, and for how long), one without graph optimizations (the model's own convolutions and
 * matrix products, whose shapes give its MACs).
 */
public final class OrtBenchmark {
    /** Profiled runs after one warm-up: enough for stable medians, few enough for big models. */
    private static final int PROFILED_RUNS = 9;
    /**
     * At most this many runs are timed on one thread for {@link ThreadScaling}, after the same
     * warm-up: nine gave medians up to 18 % slow on the small ResNet, which would blur the rule.
     */
    private static final int ONE_THREAD_RUNS = 30;

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
        long total = settings.warmup() + settings.runs() + 3;
        Optional<long[]> nanos = timed(file, name, settings.batch(), settings.threads(), settings.warmup(), settings.runs(),
                run -> progress.progress(run + 1, total, name + ": " + (run < settings.warmup() ? "warm-up " + (run + 1)
                        : "run " + (run + 1 - settings.warmup()))));
        if (nanos.isEmpty()) {
            return Optional.empty();
        }
        double oneThreadP50 = settings.threads() == 1 ? Double.NaN
                : timed(file, name, settings.batch(), 1, settings.warmup(), Math.min(settings.runs(), ONE_THREAD_RUNS), run -> { })
                        .map(times -> Latencies.of(times).p50()).orElse(Double.NaN);
        progress.progress(total - 2, total, name + ": one thread");
        OrtProfile optimized = ProfiledSession.profile(file, name, settings.batch(), settings.threads(), OptLevel.ALL_OPT, PROFILED_RUNS, 1);
        progress.progress(total - 1, total, name + ": profile");
        OrtProfile unoptimized = ProfiledSession.profile(file, name, settings.batch(), settings.threads(), OptLevel.NO_OPT, 1, 0);
        if (Thread.currentThread().isInterrupted()) {
            return Optional.empty();
        }
        progress.progress(total, total, name + ": done");
        Latencies latencies = Latencies.of(nanos.get());
        return Optional.of(new Measurement(name, fileBytes, facts, Macs.perExample(unoptimized.nodes(), settings.batch()), settings.batch(),
                latencies, settings.batch() * 1000.0 / latencies.mean(), optimized.peakArenaBytes() + fileBytes, optimized, oneThreadP50));
    }

    /**
     * The times of {@code runs} runs one after another, after {@code warmup} untimed ones, in a
     * fresh session; empty when the thread is interrupted.
     */
    private static Optional<long[]> timed(Path file, String name, int batch, int threads, int warmup, int runs, IntConsumer afterRun) {
        long[] nanos = new long[runs];
        try (ProfiledSession session = ProfiledSession.open(file, name, batch, threads, OptLevel.ALL_OPT, null)) {
            for (int run = 0; run < warmup + runs; run++) {
                if (Thread.currentThread().isInterrupted()) {
                    return Optional.empty();
                }
                long start = System.nanoTime();
                session.run();
                long elapsed = System.nanoTime() - start;
                if (run >= warmup) {
                    nanos[run - warmup] = elapsed;
                }
                afterRun.accept(run);
            }
        }
        return Optional.of(nanos);
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

}
