package io.github.slim4j.core.store;

import java.nio.file.Path;
import java.util.List;

/**
 * What a saved file holds, tensor by tensor, for the tables of {@code %save} and {@code %load}.
 *
 * @param fileBytes   the file's size
 * @param headerBytes the safetensors header with slim4j's manifest (DL4J's configuration included)
 * @param writtenBy   the slim4j that wrote the file, or "" for a safetensors file another tool wrote
 */
public record FileContents(Path file, String kind, long fileBytes, long headerBytes, String writtenBy, List<Tensor> tensors) {

    public FileContents {
        tensors = List.copyOf(tensors);
    }

    /**
     * One parameter tensor as stored.
     *
     * @param format the quantized format's name, or the element type ("float32") for values
     * @param layout dense, bitmask or csr, as {@code %bitwidth} counts storage
     * @param mask   how its pruning mask is kept: none, non-zeros (the tensor's own zeros) or stored
     * @param bytes  the bytes its entries take in the file
     */
    public record Tensor(String name, long[] shape, String format, String layout, String mask, long bytes) {

        public Tensor {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** The bytes all tensors take, without the header. */
    public long tensorBytes() {
        return tensors.stream().mapToLong(Tensor::bytes).sum();
    }
}
