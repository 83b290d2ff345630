package org.agenticdeals.benchmarks;

import java.util.Arrays;

/** Latencies of one scenario, in nanoseconds, and their percentiles. Not thread-safe: one per thread, then merge. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    void addAll(Latencies other) {
        for (int index = 0; index < other.count; index++) {
            record(other.samples[index]);
        }
    }

    int count() {
        return count;
    }

    /** The {@code percentile} (0..100) in milliseconds, nearest-rank. */
    double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1_000_000.0;
    }
}
