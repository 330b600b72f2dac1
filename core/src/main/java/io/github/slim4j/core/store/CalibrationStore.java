package io.github.slim4j.core.store;

import io.github.slim4j.core.calib.ActivationCalibration;
import io.github.slim4j.core.calib.ActivationHistogram;
import io.github.slim4j.core.calib.Calibration;
import io.github.slim4j.core.calib.CalibrationMethod;
import io.github.slim4j.core.calib.Observation;
import io.github.slim4j.core.quant.IntegerFormat;
import io.github.slim4j.core.quant.WeightFormat;
import io.github.slim4j.core.store.Manifest.SavedCalibration;
import io.github.slim4j.core.store.Manifest.SavedPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's calibration in a file: per point, in tensors named {@code calibration/I/...} (I the
 * point's place), its extremes and histogram range ({@code range}: min, max, histogram lo, hi),
 * each batch's extremes ({@code batch_mins}, {@code batch_maxs}) and the histogram's 2048 counts
 * ({@code histogram}, float64 as PyTorch's observer keeps them); the manifest names the points.
 */
final class CalibrationStore {

    private CalibrationStore() {
    }

    static SavedCalibration save(Calibration calibration, SafetensorsWriter out) {
        List<SavedPoint> points = new ArrayList<>();
        int place = 0;
        for (Map.Entry<String, Observation> point : calibration.statistics().observations().entrySet()) {
            Observation observation = point.getValue();
            String prefix = prefix(place++);
            ActivationHistogram histogram = observation.histogram();
            out.add(prefix + "range", SafeDtype.F32, new long[] {4},
                    LittleEndian.bytes(new float[] {observation.min(), observation.max(), histogram.lo(), histogram.hi()}));
            out.add(prefix + "batch_mins", SafeDtype.F32, new long[] {observation.batches()}, LittleEndian.bytes(observation.batchMins()));
            out.add(prefix + "batch_maxs", SafeDtype.F32, new long[] {observation.batches()}, LittleEndian.bytes(observation.batchMaxs()));
            out.add(prefix + "histogram", SafeDtype.F64, new long[] {histogram.bins()}, LittleEndian.bytes(histogram.counts()));
            points.add(new SavedPoint(point.getKey(), observation.count()));
        }
        return new SavedCalibration(calibration.method().text(), calibration.format().name(), calibration.batches(), calibration.complete(),
                List.copyOf(points));
    }

    static Calibration load(SavedCalibration saved, SafetensorsFile file) throws IOException {
        Map<String, Observation> observations = new LinkedHashMap<>();
        int place = 0;
        for (SavedPoint point : saved.points()) {
            String prefix = prefix(place++);
            float[] range = LittleEndian.floats(read(file, prefix + "range"));
            if (range.length != 4) {
                throw new CorruptFileException("tensor '" + prefix + "range' holds " + range.length + " values, not 4");
            }
            double[] counts = LittleEndian.doubles(read(file, prefix + "histogram"));
            observations.put(point.name(), new Observation(point.count(), range[0], range[1],
                    LittleEndian.floats(read(file, prefix + "batch_mins")), LittleEndian.floats(read(file, prefix + "batch_maxs")), new ActivationHistogram(range[2], range[3], counts)));
        }
        WeightFormat format = WeightFormat.parse(saved.format());
        if (!(format instanceof IntegerFormat grid)) {
            throw new CorruptFileException("its calibration grid '" + saved.format() + "' is not an integer format");
        }
        return new Calibration(ActivationCalibration.of(observations), saved.batches(), saved.complete(), CalibrationMethod.parse(saved.method()),
                grid);
    }

    private static String prefix(int place) {
        return "calibration/" + place + "/";
    }

    private static byte[] read(SafetensorsFile file, String name) throws IOException {
        return file.bytes(file.entry(name).orElseThrow(() -> new CorruptFileException("its calibration lacks tensor '" + name + "'")));
    }
}
