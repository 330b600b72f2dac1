package io.github.slim4j.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.slim4j.core.calib.ActivationCalibration;
import io.github.slim4j.core.calib.inference.ActivationCapture;
import io.github.slim4j.core.data.FashionMnist;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.progress.ProgressListener;
import io.github.slim4j.core.prune.Amount;
import io.github.slim4j.core.prune.channels.ChannelRequest;
import io.github.slim4j.core.prune.channels.ChannelScope;
import io.github.slim4j.onnx.Onnx;
import io.github.slim4j.onnx.OnnxFile;
import io.github.slim4j.onnx.channels.ChannelRemoval;
import io.github.slim4j.onnx.export.ExportOptions;
import io.github.slim4j.onnx.export.OnnxExport;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ONNX in and out against ONNX Runtime's own work in the same run: loading torchvision's ResNet-18
 * (11.7M parameters) into its JVM form against creating an ONNX Runtime session for the same file;
 * exporting it against writing its float initializers to a file; and one calibration pass over
 * 1,000 Fashion-MNIST images (the CNN fixture, every point's statistics recorded) against ONNX
 * Runtime's plain inference over the same images; and removing half of ResNet-18's channels
 * against copying its weights.
 *
 * <p>ResNet-18 comes from {@code models/make_models.py --big DIR}; pass DIR as
 * {@code -Dslim4j.bigModels=DIR} (default {@code build/models}). The CNN is {@code models/cnn.onnx}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx6g", "-Xss16m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class OnnxBenchmark {
    private Path resnet18;
    private byte[] resnet18Bytes;
    private ModelProto resnet18Model;
    private ComputationGraph loaded;
    private Path written;
    private List<byte[]> initializers;
    private ModelHandle cnn;
    private DataSetIterator images;
    private OrtSession cnnSession;

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        resnet18 = Path.of(System.getProperty("slim4j.bigModels", "build/models"), "resnet18.onnx");
        resnet18Bytes = Files.readAllBytes(resnet18);
        resnet18Model = OnnxFile.read(resnet18);
        loaded = Onnx.load(resnet18);
        written = Files.createTempFile("slim4j-benchmark", ".onnx");
        initializers = new ArrayList<>();
        for (var tensor : ModelHandle.of(loaded).parameters()) {
            float[] values = tensor.values().dup('c').data().asFloat();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            initializers.add(bytes.array());
        }
        ComputationGraph cnnGraph = Onnx.load(Path.of("models", "cnn.onnx"));
        cnn = ModelHandle.of(cnnGraph);
        images = FashionMnist.train().images().subset(1000).batchSize(100).iterator();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            cnnSession = OrtEnvironment.getEnvironment().createSession(Files.readAllBytes(Path.of("models", "cnn.onnx")), options);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, OrtException {
        cnnSession.close();
        Files.deleteIfExists(written);
    }

    /** Baseline: ONNX Runtime's session creation for ResNet-18. */
    @Benchmark
    public Object baselineOrtSession() throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            OrtSession session = OrtEnvironment.getEnvironment().createSession(resnet18Bytes, options);
            session.close();
            return session;
        }
    }

    /** ResNet-18 read, checked and converted to its trainable DL4J form with its ONNX origin. */
    @Benchmark
    public Object loadResNet18() {
        return Onnx.load(resnet18);
    }

    /** Baseline: ResNet-18's float initializers written to a file. */
    @Benchmark
    public Object baselineWriteInitializers() throws IOException {
        try (OutputStream out = Files.newOutputStream(written)) {
            for (byte[] tensor : initializers) {
                out.write(tensor);
            }
        }
        return written;
    }

    /** ResNet-18 exported to an ONNX file. */
    @Benchmark
    public Object exportResNet18() throws IOException {
        try (OutputStream out = Files.newOutputStream(written)) {
            OnnxExport.export(loaded, ExportOptions.asIs()).model().writeTo(out);
        }
        return written;
    }

    /**
     * Baseline: ONNX Runtime's inference over the 1,000 images, read from the same iterator, in a
     * session with ONNX Runtime's default options, logits copied out.
     */
    @Benchmark
    public Object baselineOrtInference() throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        String input = cnnSession.getInputNames().iterator().next();
        images.reset();
        Object last = null;
        while (images.hasNext()) {
            INDArray features = images.next().getFeatures();
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(features.data().asFloat()), features.shape());
                 OrtSession.Result result = cnnSession.run(Map.of(input, tensor))) {
                last = ((OnnxTensor) result.get(0)).getFloatBuffer();
            }
        }
        return last;
    }

    /** Baseline: ResNet-18's weights copied, as arrays in memory. */
    @Benchmark
    public Object baselineCopyWeights() {
        List<byte[]> copies = new ArrayList<>(initializers.size());
        for (byte[] tensor : initializers) {
            copies.add(tensor.clone());
        }
        return copies;
    }

    /** Half of ResNet-18's channels removed (global, L1, multiples of 8): groups found, channels chosen, the graph rewritten. */
    @Benchmark
    public Object removeChannelsResNet18() {
        return ChannelRemoval.remove(resnet18Model, new ChannelRequest(new Amount.Fraction(0.5), ChannelScope.GLOBAL, 1, 8));
    }

    /** One calibration pass over the 1,000 images: every point's statistics of the CNN recorded. */
    @Benchmark
    public Object calibrationPass() {
        ActivationCalibration statistics = new ActivationCalibration();
        ActivationCapture.run(cnn, images, ActivationCapture.ALL_BATCHES, statistics::record, ProgressListener.NONE);
        return statistics;
    }
}
