package org.agenticdeals.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table the benchmarks print: one row per scenario, with its baseline ratio where it has one. */
final class Report {

    record Row(String scenario, int threads, int operations, double seconds, Latencies latencies, String note) {

        double opsPerSecond() {
            return operations / seconds;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%n%-52s %7s %9s %10s %10s %10s %10s  %s%n", "scenario", "threads", "ops", "ops/s", "p50 ms", "p95 ms",
                "p99 ms", "note");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "%-52s %7d %9d %10.1f %10.2f %10.2f %10.2f  %s%n", row.scenario(), row.threads(), row.operations(),
                    row.opsPerSecond(), row.latencies().percentileMillis(50), row.latencies().percentileMillis(95),
                    row.latencies().percentileMillis(99), row.note());
        }
    }
}
