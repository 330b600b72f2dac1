package io.github.slim4j.magics.error;

import io.github.slim4j.core.quant.FixedPointFormat;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.QuantizedTensor;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The values a quantized tensor's format can represent, to draw as a grid: every code of an
 * integer format (of the slice with the widest scale, when channels or groups have their own) or of
 * fixed point, and for floats and powers of two the distinct values the tensor holds. More than
 * {@link #MAX_LINES} levels are thinned to every k-th, which still shows how fine the grid is.
 */
final class GridLevels {

    static final int MAX_LINES = 256;

    private GridLevels() {
    }

    static double[] of(QuantizedTensor tensor) {
        double[] levels;
        if (tensor.format() instanceof IntegerFormat integer && tensor.qparams().isPresent()) {
            QParams qparams = tensor.qparams().get();
            int widest = widestSlice(qparams.scales());
            float scale = qparams.scales()[widest];
            int zeroPoint = qparams.zeroPoints()[widest];
            levels = IntStream.rangeClosed(integer.qmin(), integer.qmax()).mapToDouble(code -> (float) (code - zeroPoint) * scale).toArray();
        } else if (tensor.format() instanceof FixedPointFormat fixed) {
            levels = IntStream.rangeClosed(fixed.qmin(), fixed.qmax()).mapToDouble(code -> code * (double) fixed.scale()).toArray();
        } else {
            levels = Arrays.stream(tensor.dequantize().data().asDouble()).distinct().sorted().toArray();
        }
        return thin(levels);
    }

    private static int widestSlice(float[] scales) {
        int widest = 0;
        for (int i = 1; i < scales.length; i++) {
            if (scales[i] > scales[widest]) {
                widest = i;
            }
        }
        return widest;
    }

    private static double[] thin(double[] levels) {
        if (levels.length <= MAX_LINES) {
            return levels;
        }
        int step = (levels.length + MAX_LINES - 1) / MAX_LINES;
        return IntStream.range(0, levels.length).filter(i -> i % step == 0).mapToDouble(i -> levels[i]).toArray();
    }
}
