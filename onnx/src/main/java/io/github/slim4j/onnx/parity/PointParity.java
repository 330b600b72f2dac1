package io.github.slim4j.onnx.parity;

/**
 * How far ONNX Runtime's integer codes at one quantized activation are from the simulation's.
 *
 * @param point the quantization point
 * @param value the ONNX value
 * @param producer the ONNX operator that computes it ("Conv", "Gemm", "Add"...; "input" for the input)
 * @param weights the format of the producer's weights, "" when it has none or they are float
 * @param scale one step of the activation's grid
 * @param elements codes compared
 * @param offByOne codes one step or more apart
 * @param maxSteps the largest difference, in steps
 */
public record PointParity(String point, String value, String producer, String weights, float scale, long elements, long offByOne,
        long maxSteps) {

    /** The share of codes one step or more apart. */
    public double offShare() {
        return elements == 0 ? 0 : (double) offByOne / elements;
    }

    PointParity plus(long moreElements, long moreOff, long steps) {
        return new PointParity(point, value, producer, weights, scale, elements + moreElements, offByOne + moreOff, Math.max(maxSteps, steps));
    }
}
