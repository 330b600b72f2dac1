package io.github.slim4j.benchmarks;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.Criterion;
import io.github.slim4j.core.prune.PruneReport;
import io.github.slim4j.core.prune.PruneSpec;
import io.github.slim4j.core.prune.Pruner;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.tensor.ZeroWriter;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataBuffer;
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

/**
 * Magnitude pruning of a 10M-weight float tensor to 50% sparsity, everything a real prune does
 * (keys, threshold, mask, zeroing, the report's zero counts), against a baseline that only copies
 * 10M floats between heap arrays in the same run; and the ways to zero the pruned entries in place.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "-Xmx3g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PruneBenchmark {
    private static final int SIZE = 10_000_000;
    private static final PruneSpec HALF = new PruneSpec(new Criterion.Magnitude(), new Amount.Fraction(0.5),
            io.github.slim4j.core.prune.Scope.LAYER, Selection.weights());

    private float[] heap;
    private float[] heapCopy;
    /** Half the bits clear, at random: what a 50% magnitude mask of random weights looks like. */
    private long[] keep;
    private INDArray target;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        heap = Nd4j.randn(DataType.FLOAT, SIZE).toFloatVector();
        heapCopy = new float[SIZE];
        SplittableRandom random = new SplittableRandom(1);
        keep = new long[ZeroWriter.words(SIZE)];
        for (int w = 0; w < keep.length; w++) {
            keep[w] = random.nextLong();
        }
        target = Nd4j.createFromArray(heap);
    }

    /** The weights before pruning, put back before each prune so that every call does the same work. */
    @State(Scope.Thread)
    public static class Weights extends PristineTensor {
        @Setup
        public void setUp(PruneBenchmark benchmark) {
            keep(Nd4j.createFromArray(benchmark.heap));
        }
    }

    /** Memory bandwidth: copying 10M floats between two heap arrays. */
    @Benchmark
    public float[] baselineArraycopy() {
        System.arraycopy(heap, 0, heapCopy, 0, SIZE);
        return heapCopy;
    }

    @Benchmark
    public PruneReport pruneMagnitudeHalf(Weights weights) {
        return Pruner.prune(ModelHandle.of(weights.tensor), HALF);
    }

    /** ZeroWriter's way: an absolute NIO store for each cleared bit, skipping whole words of kept entries. */
    @Benchmark
    public INDArray zeroByIndex() {
        ZeroWriter.zeroCleared(target, keep);
        return target;
    }

    /** The alternative: read each 4096-float chunk, zero it by the mask's bits, write the chunk back. */
    @Benchmark
    public INDArray zeroByChunks() {
        FloatBuffer floats = target.data().asNioFloat();
        int start = floats.position();
        float[] chunk = new float[4096];
        for (int from = 0; from < SIZE; from += chunk.length) {
            int n = Math.min(chunk.length, SIZE - from);
            floats.get(start + from, chunk, 0, n);
            for (int i = 0; i < n; i++) {
                int index = from + i;
                chunk[i] = (keep[index >>> 6] & (1L << index)) != 0 ? chunk[i] : 0f;
            }
            floats.put(start + from, chunk, 0, n);
        }
        return target;
    }

    /** The alternative through ND4J's own element access, DataBuffer.put, for each cleared bit. */
    @Benchmark
    public INDArray zeroByDataBufferPut() {
        DataBuffer data = target.data();
        for (int w = 0; w < keep.length; w++) {
            long cleared = ~keep[w];
            while (cleared != 0) {
                int index = w * Long.SIZE + Long.numberOfTrailingZeros(cleared);
                if (index < SIZE) {
                    data.put(index, 0f);
                }
                cleared &= cleared - 1;
            }
        }
        return target;
    }
}
