package io.github.slim4j.core.store;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.calib.Calibrations;
import io.github.slim4j.core.model.GraphOrigin;
import io.github.slim4j.core.model.ModelHandle;
import io.github.slim4j.core.model.ParamTensor;
import io.github.slim4j.core.prune.Mask;
import io.github.slim4j.core.prune.Masks;
import io.github.slim4j.core.quant.QuantizedTensor;
import io.github.slim4j.core.quant.Quantizations;
import io.github.slim4j.core.store.Manifest.ModelKind;
import io.github.slim4j.core.store.Manifest.SavedTensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.UUID;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model saved with everything slim4j keeps beside it, and read back bit for bit: one
 * safetensors file whose metadata holds slim4j's manifest (see {@code docs/file-format.md}).
 *
 * <pre>{@code
 * ModelFile.save(net, Path.of("net-int4.safetensors"));
 * MultiLayerNetwork again = (MultiLayerNetwork) ModelFile.load(Path.of("net-int4.safetensors"));
 * }</pre>
 *
 * <p>It holds DL4J networks (their configuration as DL4J writes it), tensor maps and tensors; per
 * tensor its values, or its packed quantization codes with scales and zero points while a
 * quantization record describes it, in the layout {@code %bitwidth} counts; pruning masks; and a
 * network's calibration statistics with the method and grid chosen last. A safetensors file
 * without a slim4j manifest, such as one written by Hugging Face's {@code safetensors}, loads as a
 * tensor map.
 */
public final class ModelFile {
    private static final String WRITTEN_BY = "slim4j " + version();

    private ModelFile() {
    }

    /**
     * Writes the model, replacing the file as a whole: a failed save leaves any earlier file as it was.
     *
     * @return what the file holds, tensor by tensor
     * @throws Slim4jException when the model cannot be saved, or the file cannot be written
     */
    public static FileContents save(Object value, Path file) {
        ModelHandle model = ModelHandle.of(value);
        SafetensorsWriter out = new SafetensorsWriter();
        Optional<String> origin = model.origin().map(source -> saveOrigin(source, (ComputationGraph) value, out));
        TensorSaver tensors = new TensorSaver(out);
        Map<String, Mask> masks = Masks.of(model);
        Map<String, QuantizedTensor> records = Quantizations.of(model);
        List<SavedTensor> saved = new ArrayList<>();
        for (ParamTensor tensor : model.parameters()) {
            String name = tensor.qualifiedName();
            saved.add(tensors.save(tensor, Optional.ofNullable(records.get(name)), Optional.ofNullable(masks.get(name))));
        }
        Optional<Manifest.SavedCalibration> calibration = Calibrations.of(model).map(kept -> CalibrationStore.save(kept, out));
        Manifest manifest = new Manifest(Manifest.SCHEMA, WRITTEN_BY, kind(model), origin.isPresent() ? Optional.empty() : networkJson(model),
                origin, saved, calibration);
        out.metadata(Manifest.KEY, manifest.toJson());
        out.metadata("format", "slim4j");
        long headerBytes = writeReplacing(out, file);
        return contents(file, manifest, headerBytes, out::bytesOf);
    }

    /**
     * Reads a model: a {@code MultiLayerNetwork}, {@code ComputationGraph}, {@code Map<String, INDArray>}
     * or {@code INDArray}, carrying the masks, quantization records and calibration it was saved with.
     *
     * @throws Slim4jException in one line naming the file and what is wrong with it
     */
    public static Object load(Path file) {
        return read(file).model();
    }

    /** A model read back, and what its file holds. */
    public record Loaded(Object model, FileContents contents) {
    }

    /**
     * As {@link #load}, with what the file holds tensor by tensor.
     *
     * @throws Slim4jException in one line naming the file and what is wrong with it
     */
    public static Loaded read(Path file) {
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            String manifestText = safetensors.metadata().get(Manifest.KEY);
            if (manifestText == null) {
                return new Loaded(plainTensors(safetensors), plainContents(file, safetensors));
            }
            Manifest manifest = Manifest.parse(manifestText);
            Object model = load(manifest, safetensors);
            return new Loaded(model, contents(file, manifest, safetensors.dataStart(), tensor -> safetensors.bytesOf(tensor)));
        } catch (CorruptFileException e) {
            throw new Slim4jException("'" + file + "' is not a file slim4j can read: " + e.getMessage());
        } catch (NewerSchemaException e) {
            throw new Slim4jException("cannot read '" + file + "': " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new Slim4jException("there is no file '" + file + "'");
        } catch (AccessDeniedException e) {
            throw new Slim4jException("'" + file + "' cannot be read: permission denied");
        } catch (IOException e) {
            throw new Slim4jException("'" + file + "' cannot be read: " + e.getMessage());
        } catch (Slim4jException e) {
            throw e;
        } catch (RuntimeException e) {
            // DL4J refusing the configuration, or parts that contradict each other.
            throw new Slim4jException("'" + file + "' is not a file slim4j can read: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
        }
    }

    /**
     * Whether the file starts as a safetensors file does (an 8-byte header length, then a JSON
     * object), so that {@code %load} can tell it from an ONNX file.
     */
    public static boolean recognizes(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(Long.BYTES + 1);
            while (start.hasRemaining() && channel.read(start) >= 0) {
                // Reads until the buffer is full or the file ends.
            }
            if (start.hasRemaining()) {
                return false;
            }
            long headerLength = start.flip().order(ByteOrder.LITTLE_ENDIAN).getLong();
            return headerLength >= 2 && headerLength <= channel.size() - Long.BYTES && start.get() == '{';
        } catch (IOException e) {
            return false;
        }
    }

    private static Object load(Manifest manifest, SafetensorsFile file) throws IOException {
        Object value = create(manifest, file);
        ModelHandle model = ModelHandle.of(value);
        Map<String, ParamTensor> parameters = new LinkedHashMap<>();
        model.parameters().forEach(tensor -> parameters.put(tensor.qualifiedName(), tensor));
        checkTensorsMatch(manifest, parameters);
        TensorLoader loader = new TensorLoader(file);
        Map<String, Mask> masks = new LinkedHashMap<>();
        Map<String, QuantizedTensor> records = new LinkedHashMap<>();
        for (SavedTensor saved : manifest.tensors()) {
            TensorLoader.Extras extras = loader.load(saved, parameters.get(saved.name()).values());
            extras.mask().ifPresent(mask -> masks.put(saved.name(), mask));
            extras.quantized().ifPresent(record -> records.put(saved.name(), record));
        }
        if (!masks.isEmpty()) {
            Masks.restore(model, masks);
        }
        if (!records.isEmpty()) {
            Quantizations.restore(model, records);
        }
        if (manifest.calibration().isPresent()) {
            Calibrations.put(model, CalibrationStore.load(manifest.calibration().get(), file));
        }
        return value;
    }

    /** Keeps an imported graph's source, without its weights, in the file; returns its kind. */
    private static String saveOrigin(GraphOrigin origin, ComputationGraph graph, SafetensorsWriter out) {
        for (OriginStore store : ServiceLoader.load(OriginStore.class)) {
            Optional<byte[]> source = store.write(origin, graph);
            if (source.isPresent()) {
                out.add(Manifest.ORIGIN_ENTRY, SafeDtype.U8, new long[] {source.get().length}, source.get());
                return store.kind();
            }
        }
        throw new Slim4jException("slim4j cannot save a model from " + origin.describe() + ": no module on the class path keeps its source");
    }

    private static ComputationGraph loadOrigin(String kind, Manifest manifest, SafetensorsFile file) throws IOException {
        for (OriginStore store : ServiceLoader.load(OriginStore.class)) {
            if (store.kind().equals(kind)) {
                SafetensorsFile.Entry entry = file.entry(Manifest.ORIGIN_ENTRY)
                        .orElseThrow(() -> new CorruptFileException("its manifest names a source in " + kind + " that it does not hold"));
                TensorLoader loader = new TensorLoader(file);
                Map<String, INDArray> tensors = new LinkedHashMap<>();
                for (SavedTensor saved : manifest.tensors()) {
                    INDArray values = allocate(saved);
                    loader.load(saved, values);
                    tensors.put(saved.name(), values);
                }
                return store.read(file.bytes(entry), tensors);
            }
        }
        throw new CorruptFileException("it holds a model imported from " + kind + ", and no module on the class path reads " + kind);
    }

    /** The model the manifest describes, with its tensors allocated but not yet read. */
    private static Object create(Manifest manifest, SafetensorsFile file) throws IOException {
        if (manifest.origin().isPresent()) {
            return loadOrigin(manifest.origin().get(), manifest, file);
        }
        return switch (manifest.kind()) {
            case MULTI_LAYER_NETWORK -> {
                MultiLayerNetwork network = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(networkJson(manifest)));
                network.init();
                yield network;
            }
            case COMPUTATION_GRAPH -> {
                ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(networkJson(manifest)));
                graph.init();
                yield graph;
            }
            case TENSOR -> {
                if (manifest.tensors().size() != 1) {
                    throw new CorruptFileException("its manifest lists " + manifest.tensors().size() + " tensors for a single INDArray");
                }
                yield allocate(manifest.tensors().get(0));
            }
            case TENSOR_MAP -> {
                Map<String, INDArray> tensors = new LinkedHashMap<>();
                manifest.tensors().forEach(saved -> tensors.put(saved.name(), allocate(saved)));
                yield tensors;
            }
        };
    }

    private static String networkJson(Manifest manifest) {
        return manifest.network().orElseThrow(() -> new CorruptFileException("its manifest holds no network configuration"));
    }

    private static INDArray allocate(SavedTensor saved) {
        return Nd4j.create(saved.dtype().nd4j(), saved.shape(), 'c');
    }

    private static void checkTensorsMatch(Manifest manifest, Map<String, ParamTensor> parameters) {
        Map<String, String> expected = new LinkedHashMap<>();
        parameters.forEach((name, tensor) -> expected.put(name, describe(SafeDtype.of(tensor.values().dataType()), tensor.shape())));
        Map<String, String> listed = new LinkedHashMap<>();
        manifest.tensors().forEach(saved -> listed.put(saved.name(), describe(saved.dtype(), saved.shape())));
        if (!expected.equals(listed)) {
            List<String> differences = new ArrayList<>();
            listed.forEach((name, text) -> {
                if (!text.equals(expected.get(name))) {
                    differences.add(name + " " + text + (expected.containsKey(name) ? " where the network has " + expected.get(name)
                            : " which the network does not have"));
                }
            });
            expected.keySet().stream().filter(name -> !listed.containsKey(name)).forEach(name -> differences.add(name + " is missing"));
            throw new CorruptFileException("its tensors do not match the " + manifest.kind().text() + " its manifest describes: "
                    + String.join("; ", differences.subList(0, Math.min(3, differences.size()))));
        }
    }

    private static String describe(SafeDtype dtype, long[] shape) {
        return dtype + Arrays.toString(shape);
    }

    private static FileContents contents(Path file, Manifest manifest, long headerBytes, java.util.function.ToLongFunction<String> bytesOf) {
        List<FileContents.Tensor> rows = new ArrayList<>();
        for (SavedTensor saved : manifest.tensors()) {
            String format = saved.quantized().map(Manifest.SavedCodes::format).orElse(saved.dtype().numpyName());
            rows.add(new FileContents.Tensor(saved.name(), saved.shape(), format, saved.layout().name().toLowerCase(java.util.Locale.ROOT),
                    saved.mask().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), bytesOf.applyAsLong(saved.name())));
        }
        return new FileContents(file, manifest.kind().text(), size(file), headerBytes, manifest.writtenBy(), rows);
    }

    private static FileContents plainContents(Path file, SafetensorsFile safetensors) {
        List<FileContents.Tensor> rows = new ArrayList<>();
        for (SafetensorsFile.Entry entry : safetensors.entries().values()) {
            rows.add(new FileContents.Tensor(entry.name(), entry.shape(), entry.dtype().numpyName(), "dense", "none",
                    entry.end() - entry.begin()));
        }
        return new FileContents(file, ModelKind.TENSOR_MAP.text(), size(file), safetensors.dataStart(), "", rows);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A safetensors file another tool wrote: its tensors as a map, in the file's order. */
    private static Map<String, INDArray> plainTensors(SafetensorsFile file) throws IOException {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (SafetensorsFile.Entry entry : file.entries().values()) {
            tensors.put(entry.name(), file.array(entry));
        }
        return tensors;
    }

    private static ModelKind kind(ModelHandle model) {
        Object value = model.unwrap();
        if (value instanceof MultiLayerNetwork) {
            return ModelKind.MULTI_LAYER_NETWORK;
        }
        if (value instanceof ComputationGraph) {
            return ModelKind.COMPUTATION_GRAPH;
        }
        return value instanceof INDArray ? ModelKind.TENSOR : ModelKind.TENSOR_MAP;
    }

    /**
     * DL4J's configuration JSON of a network, read back once here: a layer DL4J can write but not
     * read (one without a constructor Jackson can use) is refused now, not when the file is loaded.
     */
    private static Optional<String> networkJson(ModelHandle model) {
        Object value = model.unwrap();
        try {
            if (value instanceof MultiLayerNetwork network) {
                String json = network.getLayerWiseConfigurations().toJson();
                MultiLayerConfiguration.fromJson(json);
                return Optional.of(json);
            }
            if (value instanceof ComputationGraph graph) {
                String json = graph.getConfiguration().toJson();
                ComputationGraphConfiguration.fromJson(json);
                return Optional.of(json);
            }
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new Slim4jException("slim4j cannot save this " + model.kind() + ": DL4J cannot read its configuration back ("
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse(cause.getClass().getSimpleName()) + ")");
        }
        return Optional.empty();
    }

    private static long writeReplacing(SafetensorsWriter out, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        Path partial = null;
        try {
            // A name of its own beside the file, created with the permissions any new file gets there.
            partial = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".partial");
            long headerBytes = out.writeTo(partial);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return headerBytes;
        } catch (NoSuchFileException e) {
            throw new Slim4jException("cannot save to '" + file + "': the folder " + folder + " does not exist");
        } catch (AccessDeniedException e) {
            throw new Slim4jException("cannot save to '" + file + "': permission denied");
        } catch (IOException e) {
            throw new Slim4jException("cannot save to '" + file + "': " + e.getMessage());
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // The move took it, or the disk is failing; the message above is the one to show.
                }
            }
        }
    }

    private static String version() {
        try (InputStream in = ModelFile.class.getResourceAsStream("slim4j-core.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("slim4j-core.properties is unreadable", e);
        }
    }
}
