package io.github.slim4j.core.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slim4j.core.Slim4jException;
import io.github.slim4j.core.quant.Granularity;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.QParams;
import io.github.slim4j.core.quant.Scheme;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ActivationCalibrationTest {
    private static final IntegerFormat INT8 = new IntegerFormat(8, Scheme.SYMMETRIC, true, new Granularity.PerTensor());

    @Test
    void choosesEveryPointInTheOrderFirstRecorded() {
        ActivationCalibration calibration = new ActivationCalibration();
        calibration.record("conv2", Nd4j.createFromArray(-2f, 2f));
        calibration.record("conv1", Nd4j.createFromArray(-1f, 1f));
        calibration.record("conv2", Nd4j.createFromArray(-4f, 1f));
        Map<String, QParams> qparams = calibration.choose(new MinMax(), INT8);
        assertEquals(List.of("conv2", "conv1"), List.copyOf(qparams.keySet()));
        assertEquals(INT8.qparams(-4f, 2f), qparams.get("conv2"));
        assertEquals(INT8.qparams(-1f, 1f), qparams.get("conv1"));
    }

    @Test
    void aRefusedBatchNamesItsPointAndCreatesNone() {
        ActivationCalibration calibration = new ActivationCalibration();
        Slim4jException e = assertThrows(Slim4jException.class, () -> calibration.record("fc1", Nd4j.createFromArray(Float.NaN, 1f)));
        assertEquals("the batch holds 1 NaN or infinite values of 2; calibration needs finite activations", e.getMessage());
        assertTrue(calibration.observations().isEmpty());
    }

    @Test
    void theMethodTableHoldsEveryPointAndMethod() {
        ActivationCalibration calibration = new ActivationCalibration();
        SplittableRandom random = new SplittableRandom(2);
        calibration.record("a", Nd4j.createFromArray(CalibrationMethodTest.laplace(random, 100_000, 1, 2)));
        calibration.record("b", Nd4j.createFromArray(CalibrationMethodTest.laplace(random, 100_000, 3, 0)));
        List<CalibrationMethod> methods = CalibrationMethod.all();
        MethodTable table = calibration.methodTable(methods, INT8);
        assertEquals(List.of("a", "b"), table.points());
        for (int p = 0; p < 2; p++) {
            for (int m = 0; m < methods.size(); m++) {
                PointReport cell = table.cell(p, m);
                assertEquals(table.points().get(p), cell.point());
                assertEquals(methods.get(m), cell.method());
                assertEquals(calibration.report(methods.get(m), INT8).get(p), cell);
            }
        }
        PointReport minMax = table.cell(0, 0);
        assertEquals(0, minMax.error().clippedFraction(), 1e-12);
        PointReport mse = table.cell(0, methods.indexOf(new Mse()));
        assertTrue(mse.error().clippedFraction() > 0);
        assertTrue(mse.error().meanSquaredError() <= minMax.error().meanSquaredError());
        assertTrue(mse.error().sqnrDb() >= minMax.error().sqnrDb());
    }

    /** Uniform values over the whole 8-bit grid: noise step²/12, SQNR 10·log10((1/3)/((2/255)²/12)) ≈ 48.1 dB. */
    @Test
    void theEstimatedErrorOfUniformValuesIsTheTextbookOne() {
        float[] values = new float[200_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = -1f + 2f * i / (values.length - 1);
        }
        Observation observation = CalibrationMethodTest.observed(values);
        IntegerFormat uint8 = new IntegerFormat(8, Scheme.AFFINE, false, new Granularity.PerTensor());
        ErrorEstimate error = ErrorEstimate.of(observation, uint8, new MinMax().choose(observation, uint8));
        double step = 2.0 / 255;
        assertEquals(step * step / 12, error.meanSquaredError(), 1e-3 * step * step);
        assertEquals(10 * Math.log10((1.0 / 3) / (step * step / 12)), error.sqnrDb(), 0.01);
        assertEquals(0, error.clippedFraction(), 1e-12);
        ErrorEstimate clipped = ErrorEstimate.of(observation, uint8, new ActivationRange(-0.5f, 0.5f));
        // Grid [-128/255, 127/255]: saturating below -128.5/255 and above 127.5/255, (1 - 128.5/255)/2 + (1 - 127.5/255)/2 of the values.
        assertEquals(1 - 128.0 / 255, clipped.clippedFraction(), 1e-4);
    }

    /** The closed-form integral of the squared error agrees with a midpoint sum of it. */
    @Property(tries = 200)
    void theErrorIntegralIsTheIntegralOfTheError(@ForAll @IntRange(min = -3000, max = 3000) int aThousandths, @ForAll @IntRange(min = 1, max = 2000) int widthThousandths,
            @ForAll @IntRange(min = 2, max = 16) int bits) {
        Grid grid = Grid.of(new IntegerFormat(bits, Scheme.AFFINE, false, new Granularity.PerTensor()), new ActivationRange(-1f, 1.5f));
        double a = aThousandths / 1000.0;
        double width = widthThousandths / 1000.0;
        // At least 16 samples per grid step, so that the midpoint rule's own error (below) stays a few
        // percent of the integral even on 16-bit grids.
        int n = (int) Math.max(20_000, Math.ceil(16 * width / grid.step()));
        double h = width / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += grid.error(a + (i + 0.5) * h) * h;
        }
        double exact = grid.errorIntegral(a + width) - grid.errorIntegral(a);
        // The grid rounds float32 values, so each sampled error (x − q)² is off by up to 2·|x − q|·ulp(x):
        // with 16-bit steps that is a few percent of the error itself, and it adds up along the width.
        double floatRounding = 2 * grid.step() * Math.ulp((float) Math.max(Math.abs(a), Math.abs(a + width))) * width;
        // The midpoint rule on (x − q)²: within a level the error is at most h²/24·∫|f''| = h²·width/12;
        // each of the width/step + 1 kinks between levels, where f' jumps by 2·step, adds up to h²·step/4.
        double midpointRule = h * h * (width / 12 + (width / grid.step() + 1) * grid.step() / 4);
        assertEquals(sum, exact, 1e-4 * Math.max(Math.abs(exact), grid.step() * grid.step() * width) + floatRounding + midpointRule);
        assertFalse(Double.isNaN(exact));
    }
}
