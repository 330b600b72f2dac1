package io.github.slim4j.benchmarks;

import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.WeightAxes;
import io.github.slim4j.core.prune.Selection;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.LayerFormats;
import io.github.slim4j.core.quant.PackedCodes;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.QuantizationReport;
import io.github.slim4j.core.quant.QuantizeSpec;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.Quantizer;
import io.github.slim4j.core.quant.Scheme;
import java.util.OptionalInt;
import java.util.SplittableRandom;
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

/**
 * Per-channel int8 quantization of a 10M-float tensor (2500 output channels of 4000 inputs,
 * PyTorch's {@code [out, in]} layout), against a baseline that copies 10M floats between heap
 * arrays in the same run: fake quantization with given parameters, as
 * {@code torch.fake_quantize_per_channel_affine} does it; the same with the parameters observed
 * from each channel's range first; quantizing to packed codes and dequantizing them; the whole
 * {@code Quantizer} on the tensor; and packing 10M codes to 8 and 4 bits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "-Xmx3g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class QuantizeBenchmark {
    private static final int CHANNELS = 2500;
    private static final int INPUTS = 4000;
    private static final int SIZE = CHANNELS * INPUTS;
    private static final WeightAxes RAW = new WeightAxes(1, 0);
    private static final IntegerFormat INT8 = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerChannel(OptionalInt.empty()));

    private float[] heap;
    private float[] heapCopy;
    private INDArray source;
    private INDArray target;
    private QuantizedTensor quantized;
    private QParams qparams;
    private int[] int8Codes;
    private int[] int4Codes;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        source = Nd4j.randn(DataType.FLOAT, CHANNELS, INPUTS);
        target = Nd4j.zeros(DataType.FLOAT, CHANNELS, INPUTS);
        heap = source.reshape(SIZE).toFloatVector();
        heapCopy = new float[SIZE];
        quantized = INT8.quantize(source, RAW);
        qparams = quantized.qparams().orElseThrow();
        target.assign(source);
        SplittableRandom random = new SplittableRandom(1);
        int8Codes = random.ints(SIZE, -128, 128).toArray();
        int4Codes = random.ints(SIZE, -8, 8).toArray();
    }

    /** The weights before quantizing, put back before each call so that every call does the same work. */
    @State(Scope.Thread)
    public static class Weights extends PristineTensor {
        @Setup
        public void setUp(QuantizeBenchmark benchmark) {
            keep(benchmark.source.dup());
        }
    }

    /** Memory bandwidth: copying 10M floats between two heap arrays. */
    @Benchmark
    public float[] baselineArraycopy() {
        System.arraycopy(heap, 0, heapCopy, 0, SIZE);
        return heapCopy;
    }

    /**
     * PyTorch's operation: x to deq(q(x)) in place with given scales. In place again and again does
     * the same work each time, as fake quantization gives the values it is given back unchanged.
     */
    @Benchmark
    public INDArray fakeQuantizePerChannelInt8() {
        INT8.fakeQuantize(target, qparams);
        return target;
    }

    /** A min-max observer's pass over each channel's range for the parameters, then fake quantization. */
    @Benchmark
    public INDArray observeAndFakeQuantizePerChannelInt8() {
        INT8.fakeQuantize(target, INT8.qparams(source, RAW));
        return target;
    }

    /** Ranges, parameters and packed codes: a QuantizedTensor. */
    @Benchmark
    public QuantizedTensor quantizePerChannelInt8() {
        return INT8.quantize(source, RAW);
    }

    /** Unpacking the codes and writing the values they stand for. */
    @Benchmark
    public INDArray dequantizeIntoPerChannelInt8() {
        quantized.dequantizeInto(target);
        return target;
    }

    /** All that {@code %quantize} does to the tensor: checks, statistics, codes, SQNR, storage, writing, the record. */
    @Benchmark
    public QuantizationReport quantizerPerChannelInt8(Weights weights) {
        return Quantizer.quantize(ModelHandle.of(weights.tensor), new QuantizeSpec(INT8, LayerFormats.none(), Selection.weights()));
    }

    @Benchmark
    public PackedCodes packInt8() {
        return PackedCodes.pack(int8Codes, 8, true);
    }

    @Benchmark
    public PackedCodes packInt4() {
        return PackedCodes.pack(int4Codes, 4, true);
    }
}
