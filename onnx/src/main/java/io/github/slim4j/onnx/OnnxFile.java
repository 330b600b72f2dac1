package io.github.slim4j.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.slim4j.onnx.graph.TensorData;
import io.github.slim4j.onnx.proto.OnnxProto.GraphProto;
import io.github.slim4j.onnx.proto.OnnxProto.ModelProto;
import io.github.slim4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.github.slim4j.onnx.proto.OnnxProto.StringStringEntryProto;
import io.github.slim4j.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reading and writing ONNX files. A file read here is a checked model: its protobuf parses, it has a
 * graph, its default-domain opset is one slim4j imports, and every initializer kept in external
 * data has been read into the model from a file inside the model's own folder. Every problem is one
 * {@link OnnxException} line naming the file.
 */
public final class OnnxFile {
    /** The opsets of the default domain slim4j reads: what PyTorch 1.13 and tf2onnx write. */
    public static final long MIN_OPSET = 11;
    public static final long MAX_OPSET = 17;
    /** The highest opset slim4j writes: int4, uint4 and 16-bit codes need opset 21. */
    public static final long MAX_WRITTEN_OPSET = 21;

    private OnnxFile() {
    }

    /** Reads and checks the model, with its external data, if any, read in. */
    public static ModelProto read(Path path) {
        return read(path, MAX_OPSET);
    }

    /**
     * As {@link #read}, for a file that is compared with a model or run in ONNX Runtime, never
     * converted: any opset from {@value #MIN_OPSET} up to {@value #MAX_WRITTEN_OPSET}, so that what
     * {@code %export} writes reads back.
     */
    public static ModelProto readExported(Path path) {
        return read(path, MAX_WRITTEN_OPSET);
    }

    private static ModelProto read(Path path, long maxOpset) {
        if (!Files.exists(path)) {
            throw new OnnxException("ONNX file " + path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new OnnxException(path + " is a directory, not an ONNX file");
        }
        byte[] bytes;
        try {
            if (Files.size(path) > Integer.MAX_VALUE) {
                throw new OnnxException(path + " is " + Files.size(path) + " bytes; an ONNX file over 2 GB must keep its weights in external data");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new OnnxException("cannot read " + path + ": " + describe(e), e);
        }
        Path folder = path.toAbsolutePath().getParent();
        return parse(bytes, path.toString(), folder, maxOpset);
    }

    /**
     * Parses and checks a model's bytes.
     *
     * @param name what messages call the model, e.g. its path
     * @param folder where its external data files must be
     */
    public static ModelProto parse(byte[] bytes, String name, Path folder) {
        return parse(bytes, name, folder, MAX_OPSET);
    }

    private static ModelProto parse(byte[] bytes, String name, Path folder, long maxOpset) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxException(name + " is not a valid ONNX file: " + (e instanceof InvalidProtocolBufferException.InvalidWireTypeException
                    ? "it is not a protobuf message (a field has an invalid wire type)"
                    : "its protobuf is truncated or corrupt (" + firstSentence(e.getMessage()) + ")"));
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || model.getIrVersion() <= 0) {
            throw new OnnxException(name + " is not an ONNX model: it has no " + (model.getIrVersion() <= 0 ? "IR version" : "graph"));
        }
        checkOpset(model, name, maxOpset);
        return withExternalData(model, name, folder);
    }

    /** Writes the model, replacing the file only once every byte is written. */
    public static void write(ModelProto model, Path path) {
        Path target = path.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new OnnxException("cannot write " + path + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new OnnxException("cannot write " + path + ": it is a directory");
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, ".slim4j-", ".onnx.part");
            try (var out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING)) {
                model.writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException | AccessDeniedException e) {
            // The folder exists (checked above), so it refuses new files: read-only, or not a real folder (/proc).
            throw new OnnxException("cannot write " + path + ": the folder " + folder + " does not accept new files", e);
        } catch (IOException e) {
            throw new OnnxException("cannot write " + path + ": " + describe(e), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Nothing more to do: the message above says what failed.
                }
            }
        }
    }

    /** The version of the default domain ("" or "ai.onnx") the model imports, 0 when it imports none. */
    public static long opset(ModelProto model) {
        return model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).findFirst().orElse(0);
    }

    private static void checkOpset(ModelProto model, String name, long maxOpset) {
        long opset = opset(model);
        if (opset == 0) {
            throw new OnnxException(name + " imports no version of the default ONNX operator set");
        }
        if (opset < MIN_OPSET || opset > maxOpset) {
            throw new OnnxException(name + " uses ONNX opset " + opset + "; slim4j reads opsets " + MIN_OPSET + " to " + maxOpset
                    + (maxOpset == MAX_OPSET ? " (export again with opset_version=13, say)" : ""));
        }
    }

    private static ModelProto withExternalData(ModelProto model, String name, Path folder) {
        GraphProto graph = model.getGraph();
        if (graph.getInitializerList().stream().noneMatch(OnnxFile::isExternal)) {
            return model;
        }
        GraphProto.Builder builder = graph.toBuilder();
        Map<Path, FileChannel> open = new HashMap<>();
        try {
            for (int i = 0; i < builder.getInitializerCount(); i++) {
                TensorProto tensor = builder.getInitializer(i);
                if (isExternal(tensor)) {
                    builder.setInitializer(i, inline(tensor, name, folder, open));
                }
            }
        } finally {
            open.values().forEach(channel -> {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Read-only channels: closing cannot lose data.
                }
            });
        }
        return model.toBuilder().setGraph(builder).build();
    }

    private static boolean isExternal(TensorProto tensor) {
        return tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
    }

    private static TensorProto inline(TensorProto tensor, String name, Path folder, Map<Path, FileChannel> open) {
        Map<String, String> entries = new HashMap<>();
        for (StringStringEntryProto entry : tensor.getExternalDataList()) {
            entries.put(entry.getKey(), entry.getValue());
        }
        String what = "initializer '" + tensor.getName() + "' of " + name;
        String location = entries.get("location");
        if (location == null || location.isEmpty()) {
            throw new OnnxException(what + " is stored externally but names no location");
        }
        Path file = safeLocation(location, folder, what);
        long offset = number(entries.getOrDefault("offset", "0"), "offset", what);
        long expected = expectedBytes(tensor, what);
        long length = entries.containsKey("length") ? number(entries.get("length"), "length", what) : expected;
        if (length != expected) {
            throw new OnnxException(what + " has " + length + " bytes of external data but its shape and type need " + expected);
        }
        try {
            FileChannel channel = open.computeIfAbsent(file, f -> {
                try {
                    return FileChannel.open(f, StandardOpenOption.READ);
                } catch (IOException e) {
                    throw new OnnxException("cannot read external data file " + location + " of " + what + ": " + describe(e), e);
                }
            });
            if (offset > channel.size() - length) {
                throw new OnnxException(what + " reads bytes " + offset + " to " + (offset + length) + " of external data file "
                        + location + ", which has " + channel.size());
            }
            ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(length));
            while (data.hasRemaining()) {
                if (channel.read(data, offset + data.position()) < 0) {
                    throw new OnnxException("external data file " + location + " of " + what + " ended early");
                }
            }
            data.flip();
            return tensor.toBuilder().clearExternalData().clearDataLocation().setRawData(ByteString.copyFrom(data)).build();
        } catch (IOException e) {
            throw new OnnxException("cannot read external data file " + location + " of " + what + ": " + describe(e), e);
        }
    }

    /** The external data file, refused when its location leaves the model's folder. */
    private static Path safeLocation(String location, Path folder, String what) {
        Path relative;
        try {
            relative = Path.of(location);
        } catch (RuntimeException e) {
            throw new OnnxException(what + " names external data at '" + location + "', which is not a file path");
        }
        Path file = folder.resolve(relative).normalize();
        if (relative.isAbsolute() || !file.startsWith(folder.normalize())) {
            throw new OnnxException(what + " names external data at '" + location + "', outside the model's folder " + folder
                    + "; slim4j reads external data only from the model's folder");
        }
        if (!Files.isRegularFile(file)) {
            throw new OnnxException("external data file " + location + " of " + what + " is missing (looked in " + folder + ")");
        }
        try {
            if (!file.toRealPath().startsWith(folder.toRealPath())) {
                throw new OnnxException(what + " names external data at '" + location + "', a link to outside the model's folder "
                        + folder + "; slim4j reads external data only from the model's folder");
            }
        } catch (IOException e) {
            throw new OnnxException("cannot read external data file " + location + " of " + what + ": " + describe(e), e);
        }
        return file;
    }

    private static long expectedBytes(TensorProto tensor, String what) {
        long[] shape = tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
        if (Arrays.stream(shape).anyMatch(dim -> dim < 0)) {
            throw new OnnxException(what + " has a negative dimension");
        }
        long count = TensorData.elements(shape);
        int width = switch (tensor.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE, TensorProto.DataType.INT32_VALUE, TensorProto.DataType.UINT32_VALUE -> 4;
            case TensorProto.DataType.DOUBLE_VALUE, TensorProto.DataType.INT64_VALUE, TensorProto.DataType.UINT64_VALUE -> 8;
            case TensorProto.DataType.INT16_VALUE, TensorProto.DataType.UINT16_VALUE, TensorProto.DataType.FLOAT16_VALUE,
                    TensorProto.DataType.BFLOAT16_VALUE -> 2;
            case TensorProto.DataType.INT8_VALUE, TensorProto.DataType.UINT8_VALUE, TensorProto.DataType.BOOL_VALUE -> 1;
            default -> throw new OnnxException(what + " has data type " + TensorData.typeName(tensor.getDataType())
                    + ", which slim4j does not read from external data");
        };
        if (count > Integer.MAX_VALUE / width) {
            throw new OnnxException(what + " has shape " + tensor.getDimsList() + ", more elements than one tensor may have");
        }
        return count * width;
    }

    private static long number(String text, String key, String what) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new OnnxException(what + " has external data " + key + " '" + text + "', which is not a byte count");
        }
    }

    /** Protobuf's messages run on with advice meant for its own users; the first sentence is the fact. */
    private static String firstSentence(String message) {
        if (message == null) {
            return "no detail";
        }
        int end = message.indexOf(". ");
        return end < 0 ? message.replaceAll("\\.$", "") : message.substring(0, end);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
