package io.github.slim4j.magics.benchmark;

import io.github.slim4j.onnx.bench.Measurement;
import io.github.slim4j.onnx.bench.SlowdownCause;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * One row per model measured, the first the baseline: size, work, latency, throughput, memory,
 * speed-up, and for a model less than {@value #EXPLAINED_BELOW}× faster than the baseline, or
 * whose time fell much less than its MACs, the causes its profile shows.
 */
final class BenchmarkTable {
    /** Below this speed-up a compressed model has not given what compression promises, so it is explained. */
    static final double EXPLAINED_BELOW = 1.5;
    /** A time ratio more than this many times the MAC ratio is explained too. */
    static final double SHORTFALL = 1.25;

    private BenchmarkTable() {
    }

    static Table of(String title, List<Measurement> rows) {
        StringColumn model = StringColumn.create("model");
        DoubleColumn file = DoubleColumn.create("file (KiB)");
        LongColumn parameters = LongColumn.create("parameters");
        LongColumn macs = LongColumn.create("MACs per example");
        DoubleColumn p50 = DoubleColumn.create("p50 (ms)");
        DoubleColumn p95 = DoubleColumn.create("p95 (ms)");
        DoubleColumn throughput = DoubleColumn.create("examples/s");
        DoubleColumn memory = DoubleColumn.create("peak memory (MiB)");
        DoubleColumn speedUp = DoubleColumn.create("speed-up");
        StringColumn why = StringColumn.create("why not faster");
        Measurement baseline = rows.isEmpty() ? null : rows.get(0);
        for (Measurement row : rows) {
            model.append(row.name());
            file.append(row.fileBytes() / 1024.0);
            parameters.append(row.facts().parameters());
            macs.append(row.macs());
            p50.append(row.latencies().p50());
            p95.append(row.latencies().p95());
            throughput.append(row.throughput());
            memory.append(row.peakMemoryBytes() / (1024.0 * 1024.0));
            double ratio = baseline.latencies().p50() / row.latencies().p50();
            speedUp.append(ratio);
            why.append(row == baseline ? "baseline" : explained(baseline, row, ratio) ? reasons(baseline, row) : "");
        }
        file.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        parameters.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        macs.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        p50.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        p95.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        throughput.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        memory.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        speedUp.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        return Table.create(title, model, file, parameters, macs, p50, p95, throughput, memory, speedUp, why);
    }

    /**
     * Below {@value #EXPLAINED_BELOW}× faster, or when the time fell much less than the work: a
     * model at 0.40× the MACs that runs at 0.63× the time has a cause worth naming too.
     */
    private static boolean explained(Measurement baseline, Measurement row, double speedUp) {
        return speedUp < EXPLAINED_BELOW
                || (baseline.macs() > 0 && row.macs() > 0 && 1 / speedUp > SHORTFALL * row.macs() / (double) baseline.macs());
    }

    private static String reasons(Measurement baseline, Measurement row) {
        List<String> reasons = SlowdownCause.explainAll(baseline, row);
        return reasons.isEmpty() ? "no cause found in the profile" : String.join("; ", reasons);
    }
}
