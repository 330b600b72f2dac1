package io.github.slim4j.onnx.parity;

/**
 * How far ONNX Runtime's integer codes at one quantized activation are from the simulation's, in
 * steps of the point's grid: in isolation (the simulated layers fed the runtime's own values at
 * the points before, so differences cannot build up) and along the whole chain (the simulation run
 * end to end).
 *
 * @param point the quantization point
 * @param value the ONNX value
 * @param ops the ONNX operators that compute it from the points before, e.g. "Conv → Relu"
 * @param weights the formats of those operators' quantized weights, "" when there are none
 * @param scale one step of the activation's grid
 * @param elements codes compared
 * @param isolatedOff codes one step or more apart in isolation
 * @param isolatedMax the largest difference in isolation, in steps
 * @param chainedOff codes one step or more apart end to end
 * @param chainedMax the largest difference end to end, in steps
 */
public record PointParity(String point, String value, String ops, String weights, float scale, long elements, long isolatedOff,
        long isolatedMax, long chainedOff, long chainedMax) {

    /** The share of codes one step or more apart in isolation. */
    public double isolatedShare() {
        return elements == 0 ? 0 : (double) isolatedOff / elements;
    }

    /** The share of codes one step or more apart end to end. */
    public double chainedShare() {
        return elements == 0 ? 0 : (double) chainedOff / elements;
    }

    PointParity plus(Difference isolated, Difference chained) {
        return new PointParity(point, value, ops, weights, scale, elements + isolated.elements(), isolatedOff + isolated.off(),
                Math.max(isolatedMax, isolated.max()), chainedOff + chained.off(), Math.max(chainedMax, chained.max()));
    }

    /** Codes of one batch compared. */
    record Difference(long elements, long off, long max) {
    }
}
