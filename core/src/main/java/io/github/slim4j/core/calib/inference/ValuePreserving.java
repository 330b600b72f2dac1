package io.github.slim4j.core.calib.inference;

/**
 * Marks a ComputationGraph vertex configuration whose output holds exactly its input's values,
 * rearranged or copied, such as a reshape or a transpose. Integer inference moves such values
 * without quantizing them again, so the vertex has no quantization point of its own: its values
 * stay on the grid of the point they came from. DL4J's own vertices of this kind
 * ({@code PreprocessorVertex}, {@code SubsetVertex}, {@code StackVertex}, {@code UnstackVertex},
 * {@code ReshapeVertex}, and dropout, which inference passes through) are known without it; our
 * ONNX importer's reshape and transpose vertices implement it.
 *
 * <p>A vertex that computes new values, even from one input, must not implement it: its output
 * would then go to the next layer unquantized in the simulation, where integer inference would
 * round it.
 */
public interface ValuePreserving {
}
