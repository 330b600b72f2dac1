package io.github.slim4j.magics.benchmark;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.magics.DistinctModels;
import io.github.slim4j.magics.Magic;
import io.github.slim4j.magics.MagicContext;
import io.github.slim4j.magics.MagicException;
import io.github.slim4j.magics.VariableKinds;
import io.github.slim4j.magics.grammar.Arguments;
import io.github.slim4j.magics.grammar.IntegerRange;
import io.github.slim4j.magics.grammar.Option;
import io.github.slim4j.magics.grammar.Positional;
import io.github.slim4j.magics.grammar.Syntax;
import io.github.slim4j.magics.grammar.VariableOrFile;
import io.github.slim4j.magics.grammar.VariableOrFile.InNotebook;
import io.github.slim4j.magics.grammar.VariableOrFile.OnDisk;
import io.github.slim4j.magics.grammar.VariableOrFile.Source;
import io.github.slim4j.magics.render.ChartFormat;
import io.github.slim4j.magics.render.ProgressBar;
import io.github.slim4j.onnx.Onnx;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.bench.BenchmarkSettings;
import io.github.slim4j.onnx.bench.Measurement;
import io.github.slim4j.onnx.bench.OrtBenchmark;
import io.github.slim4j.onnx.export.ExportOptions;
import io.github.slim4j.onnx.export.ExportedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;

/** {@code %benchmark MODEL [MODEL ...]}: each model run in ONNX Runtime, side by side with the first. */
public final class BenchmarkMagic implements Magic {

    private static final Positional<Source<ModelHandle>> MODELS = Positional.oneOrMore("MODEL",
            new VariableOrFile<>(VariableKinds.NETWORK, ".onnx"),
            "the models to run, the first being the baseline: MultiLayerNetworks and models loaded with %load (or made from one) in the notebook, or .onnx files");
    private static final Option<Long> BATCH = Option.withDefault("--batch", new IntegerRange(1, 65_536, "B"), 32L,
            "examples per run");
    private static final Option<Long> THREADS = Option.withDefault("--threads", new IntegerRange(1, 256, "T"),
            (long) Runtime.getRuntime().availableProcessors(), "ONNX Runtime's intra-op threads (default: this machine's cores)");
    private static final Option<Long> RUNS = Option.withDefault("--runs", new IntegerRange(2, 1_000_000, "N"), 20L,
            "timed runs per model");
    private static final Option<Long> WARMUP = Option.withDefault("--warmup", new IntegerRange(0, 1_000_000, "W"), 3L,
            "untimed runs before them");

    private static final Syntax SYNTAX = Syntax.builder("benchmark", "Measure models in ONNX Runtime and say why one is not faster")
            .description("""
                    Runs each MODEL in ONNX Runtime as a Java service would (a notebook model is \
                    exported to a temporary file first, as %export writes it): one session with \
                    all of ONNX Runtime's graph optimizations, a batch of seeded random inputs, \
                    warm-up runs, then timed runs one after another. One row per model, the first \
                    being the baseline: file size, parameters, MACs per example (convolutions and \
                    matrix products), p50 and p95 latency, throughput, peak memory (ONNX \
                    Runtime's activation arena plus the weights), and speed-up over the baseline. \
                    For a model less than 1.5× faster, or whose time fell much less than its \
                    MACs (a time ratio above 1.25× the MAC ratio), a profiled session shows why, \
                    citing ops and their share of the time: unstructured zeros that dense kernels still \
                    multiply, int8 kernels slower than float on this CPU, QDQ left unfused \
                    around a float op, Q/DQ overhead on layers too small to gain, int8 \
                    activations where the kernels want uint8, layout changes ONNX Runtime \
                    added, costly layers that removal left as slow as before, threads that speed \
                    the model up less than the baseline (layers too small to split; with \
                    --threads above 1 each model also runs on one thread, the same warm-up and \
                    up to 30 timed runs, to see this), or a run dominated by memory-bound ops. \
                    The chart plots latency \
                    against size. Interrupting keeps the rows measured so far.""")
            .positional(MODELS)
            .option(BATCH)
            .option(THREADS)
            .option(RUNS)
            .option(WARMUP)
            .option(ChartFormat.OPTION)
            .example("%benchmark net pruned q --batch 32 --threads 2")
            .example("%benchmark resnet18.onnx resnet18-int8.onnx --runs 50")
            .build();

    @Override
    public Syntax syntax() {
        return SYNTAX;
    }

    @Override
    public Table run(Arguments arguments, MagicContext context) {
        List<Source<ModelHandle>> models = arguments.all(MODELS);
        DistinctModels.require("benchmark", models.stream().map(Source::text).toList());
        BenchmarkSettings settings = new BenchmarkSettings(Math.toIntExact(arguments.get(BATCH)), Math.toIntExact(arguments.get(THREADS)),
                Math.toIntExact(arguments.get(RUNS)), Math.toIntExact(arguments.get(WARMUP)));
        List<Path> exported = new ArrayList<>();
        try {
            // Every model is found, and every notebook model exported, before anything runs: a
            // mistake in the last one should not cost the minutes the others take.
            Map<String, Path> files = new LinkedHashMap<>();
            for (Source<ModelHandle> model : models) {
                files.put(model.text(), file(model, context, exported));
            }
            return measureAll(files, settings, context);
        } finally {
            exported.forEach(BenchmarkMagic::deleteQuietly);
        }
    }

    private static Table measureAll(Map<String, Path> files, BenchmarkSettings settings, MagicContext context) {
        String title = "ONNX Runtime, batch " + settings.batch() + ", " + settings.threads() + " thread" + (settings.threads() == 1 ? "" : "s")
                + ", " + settings.runs() + " runs";
        List<Measurement> rows = new ArrayList<>();
        for (Map.Entry<String, Path> model : files.entrySet()) {
            ProgressBar bar = context.out().progress("benchmarking " + model.getKey());
            Optional<Measurement> measured = OrtBenchmark.measure(model.getKey(), model.getValue(), settings, bar);
            if (measured.isEmpty()) {
                bar.interrupted(0, 1, "measured " + rows.size() + " of " + files.size() + " models");
                if (!rows.isEmpty()) {
                    context.out().table(BenchmarkTable.of(title, rows));
                }
                throw new MagicException("%benchmark: interrupted while measuring " + model.getKey()
                        + (rows.isEmpty() ? "; no model was measured" : "; the table shows the models measured before it"));
            }
            bar.finish(String.format("p50 %.2f ms", measured.get().latencies().p50()));
            rows.add(measured.get());
        }
        Table table = BenchmarkTable.of(title, rows);
        context.out().table(table);
        context.out().chart(BenchmarkChart.of(rows, settings.batch()));
        return table;
    }

    /** The model's file: the one named, or the notebook model exported to a temporary file, added to {@code temporaryFiles}. */
    private static Path file(Source<ModelHandle> model, MagicContext context, List<Path> temporaryFiles) {
        if (model instanceof OnDisk<ModelHandle> disk) {
            Path file = context.file(disk.path());
            if (!Files.isRegularFile(file)) {
                throw new MagicException("%benchmark: MODEL '" + disk.path() + "' " + (Files.isDirectory(file) ? "is a directory" : "does not exist")
                        + " (" + file + "); give an .onnx file or a notebook model");
            }
            return file;
        }
        InNotebook<ModelHandle> notebook = (InNotebook<ModelHandle>) model;
        ModelHandle handle = notebook.bound().value();
        ExportedModel exported = Onnx.export(handle, ExportOptions.asIs());
        try {
            Path file = Files.createTempFile("slim4j-benchmark-", ".onnx");
            temporaryFiles.add(file);
            OnnxFile.write(exported.model(), file);
            return file;
        } catch (IOException e) {
            throw new MagicException("%benchmark: cannot write a temporary file for " + notebook.text() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary export left behind is harmless.
        }
    }
}
