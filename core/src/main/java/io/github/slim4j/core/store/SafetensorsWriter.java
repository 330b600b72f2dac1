package io.github.slim4j.core.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.slim4j.core.Slim4jException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes tensors in the safetensors layout: an 8-byte little-endian header length, a JSON header
 * naming each tensor's element type, shape and byte range (and a {@code __metadata__} map of
 * strings), padded with spaces to a multiple of 8 bytes, then the tensors' bytes back to back in C
 * order, little-endian. Any safetensors reader, or numpy alone, reads what this writes.
 */
final class SafetensorsWriter {
    private static final int ALIGNMENT = 8;

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** A tensor's bytes; {@code owner} keeps the ND4J array whose memory {@code bytes} views alive until written. */
    private record Entry(String name, SafeDtype dtype, long[] shape, ByteBuffer bytes, Object owner) {
    }

    void metadata(String key, String value) {
        metadata.put(key, value);
    }

    /** Adds raw bytes as a tensor, {@code bytes.length} being exactly the shape's elements at the type's width. */
    void add(String name, SafeDtype dtype, long[] shape, byte[] bytes) {
        add(new Entry(name, dtype, shape.clone(), ByteBuffer.wrap(bytes), null));
    }

    /** Adds an ND4J array, written in C order whatever its own order. */
    void add(String name, INDArray values) {
        INDArray dense = RawTensors.cOrder(values);
        add(new Entry(name, SafeDtype.of(values.dataType()), values.shape(), RawTensors.memory(dense), dense));
    }

    private void add(Entry entry) {
        long elements = 1;
        for (long size : entry.shape) {
            elements = Math.multiplyExact(elements, size);
        }
        if (entry.bytes.remaining() != elements * entry.dtype.bytes()) {
            throw new IllegalArgumentException(entry.name + ": " + entry.bytes.remaining() + " bytes for " + elements + " elements of "
                    + entry.dtype);
        }
        if (!names.add(entry.name)) {
            throw new Slim4jException("two tensors would be saved as '" + entry.name + "'; rename one of the model's tensors");
        }
        entries.add(entry);
    }

    /** Bytes of data the entries of one tensor take: the entry of that name and those named {@code tensor/...}. */
    long bytesOf(String tensor) {
        return entries.stream().filter(entry -> entry.name.equals(tensor) || entry.name.startsWith(tensor + "/"))
                .mapToLong(entry -> entry.bytes.remaining()).sum();
    }

    /** Writes the file; returns the bytes its header takes, the length field and padding included. */
    long writeTo(Path file) throws IOException {
        byte[] header = header();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
            writeFully(channel, length);
            writeFully(channel, ByteBuffer.wrap(header));
            for (Entry entry : entries) {
                writeFully(channel, entry.bytes.duplicate());
                java.lang.ref.Reference.reachabilityFence(entry.owner);
            }
        }
        return Long.BYTES + header.length;
    }

    private byte[] header() {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Entry entry : entries) {
            JsonObject tensor = new JsonObject();
            tensor.addProperty("dtype", entry.dtype.name());
            JsonArray shape = new JsonArray();
            for (long size : entry.shape) {
                shape.add(size);
            }
            tensor.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += entry.bytes.remaining();
            offsets.add(offset);
            tensor.add("data_offsets", offsets);
            header.add(entry.name, tensor);
        }
        StringBuilder text = new StringBuilder(header.toString());
        while (text.toString().getBytes(StandardCharsets.UTF_8).length % ALIGNMENT != 0) {
            text.append(' ');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
