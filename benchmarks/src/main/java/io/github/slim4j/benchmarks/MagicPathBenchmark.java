package io.github.slim4j.benchmarks;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.PruneReport;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.QuantizationReport;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.magics.MagicCatalog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a user waits for against what the kernel does: {@code %prune big --sparsity 0.5 --as bp} on
 * a 10M-float tensor through the magic catalog (grammar, copy, prune, tables and the chart rendered
 * to PNG), against the same prune on a copy through the engine alone and a plain heap copy of the
 * floats, in one run; and {@code %quantize} per channel with {@code --as} on the same floats,
 * beside its engine alone on a copy. The notebook keeps variables in a map and drops what is
 * displayed, so the kernel's own cost (JShell) is not in these figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx3g", "-Djava.awt.headless=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MagicPathBenchmark {
    private static final int SIZE = 10_000_000;
    private static final PruneSpec HALF = new PruneSpec(new Criterion.Magnitude(), new Amount.Fraction(0.5),
            io.github.slim4j.core.prune.Scope.LAYER, Selection.weights());

    private static final QuantizeSpec PER_CHANNEL_INT8 = new QuantizeSpec(WeightFormat.parse("int8:symmetric:channel"),
            LayerFormats.none(), Selection.weights());

    private final MagicCatalog catalog = MagicCatalog.standard();
    private final MapNotebook notebook = new MapNotebook();
    private INDArray big;
    private INDArray matrix;
    private float[] heap;
    private float[] heapCopy;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        big = Nd4j.randn(DataType.FLOAT, SIZE);
        heap = big.toFloatVector();
        heapCopy = new float[SIZE];
        notebook.variables.put("big", big);
        matrix = big.reshape(1000, 10_000);
        notebook.variables.put("matrix", matrix);
    }

    /** Memory bandwidth: copying 10M floats between two heap arrays. */
    @Benchmark
    public float[] baselineArraycopy() {
        System.arraycopy(heap, 0, heapCopy, 0, SIZE);
        return heapCopy;
    }

    /** The engine alone, with the copy {@code --as} makes: what the magic cannot do without. */
    @Benchmark
    public PruneReport pruneEngineOnACopy() {
        return Pruner.prune(ModelHandle.of(big.dup()), HALF);
    }

    /** The engine alone on a copy, as {@code %quantize matrix --bits 8 --scheme symmetric --granularity channel --as bq} runs it. */
    @Benchmark
    public QuantizationReport quantizeEngineOnACopy() {
        return Quantizer.quantize(ModelHandle.of(matrix.dup()), PER_CHANNEL_INT8);
    }

    /** The whole magic, tables and chart included. */
    @Benchmark
    public void pruneMagicAs(Blackhole hole) {
        hole.consume(catalog.run("prune", List.of("big", "--sparsity", "0.5", "--as", "bp"), notebook));
    }

    /** The whole {@code %quantize big --bits 8 --scheme symmetric --granularity channel --as bq} on the tensor as 1,000 rows of 10,000. */
    @Benchmark
    public void quantizeMagicAs(Blackhole hole) {
        hole.consume(catalog.run("quantize", List.of("matrix", "--bits", "8", "--scheme", "symmetric", "--granularity", "channel", "--as", "bq"),
                notebook));
    }

    /** The whole magic without its chart. */
    @Benchmark
    public void pruneMagicAsWithoutChart(Blackhole hole) {
        hole.consume(catalog.run("prune", List.of("big", "--sparsity", "0.5", "--as", "bp", "--chart", "none"), notebook));
    }
}
