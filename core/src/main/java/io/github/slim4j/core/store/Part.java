package io.github.slim4j.core.store;

/**
 * The safetensors entries that hold one parameter tensor. A dense float tensor is one entry under
 * the tensor's own name; every other part is named {@code TENSOR/part}.
 */
enum Part {
    /** The stored values of a sparse layout, in C order. */
    VALUES("values"),
    /** A bitmask layout's marks of the stored entries. */
    NONZERO("nonzero"),
    /** A CSR layout's row pointers. */
    INDPTR("indptr"),
    /** A CSR layout's column per stored entry. */
    INDICES("indices"),
    /** Quantization codes packed at their width, as {@code PackedCodes} packs them. */
    CODES("codes"),
    SCALES("scales"),
    ZERO_POINTS("zero_points"),
    /** A pruning mask that is not simply the tensor's non-zeros, as a bitmask in C order. */
    MASK("mask");

    private final String suffix;

    Part(String suffix) {
        this.suffix = suffix;
    }

    String of(String tensor) {
        return tensor + "/" + suffix;
    }
}
