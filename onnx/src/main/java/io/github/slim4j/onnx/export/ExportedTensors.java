package io.github.slim4j.onnx.export;

import java.util.ArrayList;
import java.util.List;

/** The rows of an export's report, in the order the tensors were written. */
final class ExportedTensors {
    private final List<ExportedTensor> rows = new ArrayList<>();

    void add(ExportedTensor row) {
        rows.add(row);
    }

    List<ExportedTensor> rows() {
        return rows;
    }
}
