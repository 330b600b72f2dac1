package io.github.slim4j.core.data;

import io.github.slim4j.core.Slim4jException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzipped IDX file of unsigned bytes, the MNIST family's format: a big-endian header (magic
 * number, then one count per dimension) and the items one after another. Read once, front to back,
 * keeping only the items asked for.
 */
final class IdxFile implements Closeable {
    /** Unsigned bytes in 3 dimensions: count, rows, columns. */
    static final int IMAGES = 0x00000803;
    /** Unsigned bytes in 1 dimension: count. */
    static final int LABELS = 0x00000801;

    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final DataInputStream in;
    private final int count;
    private final int rows;
    private final int itemSize;

    private IdxFile(Path path, DataInputStream in, int magic) throws IOException {
        this.path = path;
        this.in = in;
        int found = in.readInt();
        if (found != magic) {
            throw new Slim4jException(path + " is not an IDX " + (magic == IMAGES ? "image" : "label")
                    + " file: its magic number is " + hex(found) + ", expected " + hex(magic));
        }
        this.count = in.readInt();
        this.rows = magic == IMAGES ? in.readInt() : 1;
        long size = magic == IMAGES ? (long) rows * in.readInt() : 1;
        if (count < 0 || size < 1 || size > Integer.MAX_VALUE) {
            throw new Slim4jException(path + " has a corrupt IDX header: " + count + " items of " + size + " bytes");
        }
        this.itemSize = (int) size;
    }

    /** Opens the file and reads its header, which must carry {@code magic} (IMAGES or LABELS). */
    static IdxFile open(Path path, int magic) {
        InputStream raw = null;
        try {
            raw = Files.newInputStream(path);
            return new IdxFile(path, new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER)), magic);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw e instanceof RuntimeException runtime ? runtime : headerFailure(path, (IOException) e);
        }
    }

    private static Slim4jException headerFailure(Path path, IOException e) {
        if (e instanceof ZipException) {
            return new Slim4jException(path + " is not a gzip file (expected gzip-compressed IDX): " + e.getMessage(), e);
        }
        if (e instanceof EOFException) {
            return new Slim4jException(path + " ends inside its IDX header; the file is truncated", e);
        }
        return new Slim4jException("cannot read " + path + ": " + e, e);
    }

    int count() {
        return count;
    }

    /** Rows per image, 1 for labels. */
    int rows() {
        return rows;
    }

    /** Bytes per item: rows × columns for images, 1 for labels. */
    int itemSize() {
        return itemSize;
    }

    /**
     * Reads items {@code 0..slots.length) in file order until the last wanted one, copying item
     * {@code i} to {@code out[slots[i] * itemSize]} when {@code slots[i] >= 0} and skipping it otherwise.
     */
    void readInto(int[] slots, byte[] out) {
        int last = slots.length - 1;
        while (last >= 0 && slots[last] < 0) {
            last--;
        }
        byte[] skipped = new byte[itemSize];
        int item = 0;
        try {
            for (; item <= last; item++) {
                int slot = slots[item];
                if (slot >= 0) {
                    in.readFully(out, slot * itemSize, itemSize);
                } else {
                    in.readFully(skipped);
                }
            }
        } catch (EOFException e) {
            throw new Slim4jException(path + " ends after " + item + " of the " + count + " items its header announces; the file is truncated", e);
        } catch (IOException e) {
            throw new Slim4jException("cannot read " + path + ": " + e, e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException ignored) {
            // Only ever read from: nothing to lose.
        }
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
