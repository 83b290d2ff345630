package org.agenticdeals.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.DealsRefusal;

/**
 * What the calls of one operation came to: successes, refusals by type, database failures by SQLSTATE, and anything
 * else (which no test allows). Latencies of answered calls (successes and refusals) are kept for the load report.
 * Thread-safe.
 */
final class Outcomes {

    private static final int MAX_KEPT_FAILURES = 20;

    private final String operation;
    private final LongAdder successes = new LongAdder();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final LongAdder unexpectedCount = new LongAdder();
    private final LongAccumulator slowest = new LongAccumulator(Math::max, 0);
    private long[] latencies = new long[1024];
    private int latencyCount;

    Outcomes(String operation) {
        this.operation = operation;
    }

    String operation() {
        return operation;
    }

    /** Any call's duration, answered or not: "never a hang" is checked on the slowest. */
    void took(long nanos) {
        slowest.accumulate(nanos);
    }

    /** The slowest call's duration in milliseconds, failed ones included. */
    long slowestMillis() {
        return slowest.get() / 1_000_000;
    }

    void succeeded(long nanos) {
        successes.increment();
        record(nanos);
    }

    void refused(DealsRefusal refusal, long nanos) {
        refusals.computeIfAbsent(refusal.getClass().getSimpleName(), type -> new LongAdder()).increment();
        record(nanos);
    }

    /** A database failure, counted by its SQLSTATE; whether it was expected is the caller's call. */
    void failed(DealsDataAccessException failure) {
        failures.computeIfAbsent(failure.sqlState().orElse("none") + " " + failure.code(), state -> new LongAdder()).increment();
    }

    void unexpected(Throwable failure) {
        unexpectedCount.increment();
        if (unexpected.size() < MAX_KEPT_FAILURES) {
            unexpected.add(failure);
        }
    }

    long successes() {
        return successes.sum();
    }

    long refusals() {
        return refusals.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Refusals by exception type, e.g. {@code InsufficientTokensException=12}. */
    Map<String, Long> refusalsByType() {
        return sums(refusals);
    }

    long failures() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Database failures by SQLSTATE and error code, e.g. {@code 57P01 UNAVAILABLE=3}. */
    Map<String, Long> failuresBySqlState() {
        return sums(failures);
    }

    long unexpectedCount() {
        return unexpectedCount.sum();
    }

    /** The first unexpected failures (at most 20). */
    List<Throwable> unexpected() {
        return new ArrayList<>(unexpected);
    }

    /** The answered calls' latency at {@code percentile} (0 to 100), in milliseconds; 0 without calls. */
    synchronized double latencyMillis(double percentile) {
        if (latencyCount == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        int index = (int) Math.min(latencyCount - 1, Math.max(0, Math.ceil(percentile / 100 * latencyCount) - 1));
        return sorted[index] / 1_000_000.0;
    }

    private synchronized void record(long nanos) {
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = nanos;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        var result = new TreeMap<String, Long>();
        counters.forEach((key, counter) -> result.put(key, counter.sum()));
        return result;
    }

    @Override
    public String toString() {
        return operation + ": " + successes() + " succeeded, refused " + refusalsByType() + ", failed " + failuresBySqlState()
                + ", unexpected " + unexpectedCount();
    }
}
