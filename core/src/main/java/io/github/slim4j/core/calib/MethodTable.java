package io.github.slim4j.core.calib;

import io.github.slim4j.core.Slim4jException;
import java.util.List;

/**
 * Every calibration method's choice at every quantization point, for one target grid: the data
 * behind a "point × method" table. Cells run point by point, each point's methods in the order given.
 *
 * @param points the quantization points, in calibration order
 * @param methods the methods compared
 * @param cells {@code points.size() × methods.size()} reports, point-major
 */
public record MethodTable(List<String> points, List<CalibrationMethod> methods, List<PointReport> cells) {

    public MethodTable {
        points = List.copyOf(points);
        methods = List.copyOf(methods);
        cells = List.copyOf(cells);
        if (cells.size() != points.size() * methods.size()) {
            throw new Slim4jException(cells.size() + " cells for " + points.size() + " points and " + methods.size() + " methods");
        }
    }

    /** The report of method {@code m} at point {@code p}, by their indices. */
    public PointReport cell(int p, int m) {
        return cells.get(p * methods.size() + m);
    }
}
