package io.github.slim4j.core.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A safetensors file opened for reading: its header checked against the file (every tensor's bytes
 * inside the data, back to back, of the size its type and shape say), then tensors read on demand.
 */
final class SafetensorsFile implements AutoCloseable {
    private static final long LARGEST_HEADER = 100L << 20;

    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    /** One tensor's place in the file. */
    record Entry(String name, SafeDtype dtype, long[] shape, long begin, long end) {
        long elements() {
            long elements = 1;
            for (long size : shape) {
                elements = Math.multiplyExact(elements, size);
            }
            return elements;
        }
    }

    private SafetensorsFile(FileChannel channel, long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /**
     * Opens and checks a file.
     *
     * @throws CorruptFileException saying what in the file is wrong
     */
    static SafetensorsFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return read(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SafetensorsFile read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < Long.BYTES) {
            throw new CorruptFileException("it has " + size + " bytes, fewer than a safetensors header's length takes");
        }
        ByteBuffer lengthBytes = readAt(channel, 0, Long.BYTES);
        long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > LARGEST_HEADER || headerLength > size - Long.BYTES) {
            throw new CorruptFileException("its header length " + headerLength + " does not fit a file of " + size + " bytes");
        }
        String text = StandardCharsets.UTF_8.decode(readAt(channel, Long.BYTES, (int) headerLength)).toString();
        JsonObject header;
        try {
            JsonElement parsed = new JsonParser().parse(text);
            if (!parsed.isJsonObject()) {
                throw new CorruptFileException("its header is not a JSON object");
            }
            header = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new CorruptFileException("its header is not valid JSON");
        }
        long dataStart = Long.BYTES + headerLength;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> member : header.entrySet()) {
            if (member.getKey().equals("__metadata__")) {
                metadata(member.getValue(), metadata);
            } else {
                entries.add(entry(member.getKey(), member.getValue()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        long expected = 0;
        for (Entry entry : entries) {
            if (entry.begin != expected) {
                throw new CorruptFileException("tensor '" + entry.name + "' starts at byte " + entry.begin + " of the data, not " + expected);
            }
            expected = entry.end;
        }
        if (dataStart + expected != size) {
            throw new CorruptFileException("its tensors take " + expected + " bytes but the file holds " + (size - dataStart) + " after its header");
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.forEach(entry -> byName.put(entry.name, entry));
        return new SafetensorsFile(channel, dataStart, Collections.unmodifiableMap(byName), Collections.unmodifiableMap(metadata));
    }

    private static void metadata(JsonElement value, Map<String, String> into) {
        if (!value.isJsonObject()) {
            throw new CorruptFileException("its __metadata__ is not a JSON object");
        }
        for (Map.Entry<String, JsonElement> item : value.getAsJsonObject().entrySet()) {
            if (!item.getValue().isJsonPrimitive() || !item.getValue().getAsJsonPrimitive().isString()) {
                throw new CorruptFileException("its __metadata__ value '" + item.getKey() + "' is not a string");
            }
            into.put(item.getKey(), item.getValue().getAsString());
        }
    }

    private static Entry entry(String name, JsonElement value) {
        try {
            JsonObject tensor = value.getAsJsonObject();
            SafeDtype dtype = SafeDtype.named(tensor.get("dtype").getAsString());
            JsonArray shapeJson = tensor.getAsJsonArray("shape");
            long[] shape = new long[shapeJson.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
                if (shape[i] < 0) {
                    throw new CorruptFileException("tensor '" + name + "' has a negative dimension");
                }
            }
            JsonArray offsets = tensor.getAsJsonArray("data_offsets");
            Entry entry = new Entry(name, dtype, shape, offsets.get(0).getAsLong(), offsets.get(1).getAsLong());
            if (entry.end - entry.begin != entry.elements() * dtype.bytes()) {
                throw new CorruptFileException("tensor '" + name + "' spans " + (entry.end - entry.begin) + " bytes, but " + entry.elements()
                        + " elements of " + dtype + " take " + entry.elements() * dtype.bytes());
            }
            return entry;
        } catch (CorruptFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptFileException("tensor '" + name + "' is not described by a dtype, a shape and two data_offsets"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    /** Where the tensors' data starts: the header's length field, header and padding. */
    long dataStart() {
        return dataStart;
    }

    /** Bytes of data the entries of one tensor take: the entry of that name and those named {@code tensor/...}. */
    long bytesOf(String tensor) {
        return entries.values().stream().filter(entry -> entry.name.equals(tensor) || entry.name.startsWith(tensor + "/"))
                .mapToLong(entry -> entry.end - entry.begin).sum();
    }

    Map<String, String> metadata() {
        return metadata;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** A tensor's bytes, for the small ones (codes, scales, masks) that are read as Java arrays. */
    byte[] bytes(Entry entry) throws IOException {
        ByteBuffer bytes = readAt(channel, dataStart + entry.begin, Math.toIntExact(entry.end - entry.begin));
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return copy;
    }

    /** A tensor as a new C-order ND4J array of its type, read straight into the array's memory. */
    INDArray array(Entry entry) throws IOException {
        INDArray array = RawTensors.allocate(entry.dtype.nd4j(), entry.shape);
        ByteBuffer memory = RawTensors.memory(array);
        long position = dataStart + entry.begin;
        while (memory.hasRemaining()) {
            int read = channel.read(memory, position);
            if (read < 0) {
                throw new CorruptFileException("it ends inside tensor '" + entry.name + "'");
            }
            position += read;
        }
        return array;
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, position + bytes.position()) < 0) {
                throw new CorruptFileException("it ends at byte " + (position + bytes.position()) + ", inside its header");
            }
        }
        return bytes.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
