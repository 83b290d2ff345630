package org.agenticdeals.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.DealsRefusal;

/** The {@link Outcomes} of every operation of one run, in first-use order, and the calls that record them. Thread-safe. */
final class Tally {

    private final Map<String, Outcomes> byOperation = new LinkedHashMap<>();

    synchronized Outcomes of(String operation) {
        return byOperation.computeIfAbsent(operation, Outcomes::new);
    }

    synchronized List<Outcomes> all() {
        return new ArrayList<>(byOperation.values());
    }

    /**
     * Makes one call of {@code operation} and records how it ended; returns its result or rethrows what it threw
     * (refusals and database failures for the caller to judge, anything else recorded as unexpected).
     */
    <T> T call(String operation, Supplier<T> call) {
        Outcomes outcomes = of(operation);
        long started = System.nanoTime();
        try {
            T result = call.get();
            outcomes.succeeded(System.nanoTime() - started);
            return result;
        } catch (DealsRefusal refusal) {
            outcomes.refused(refusal, System.nanoTime() - started);
            throw refusal;
        } catch (DealsDataAccessException failure) {
            outcomes.failed(failure);
            throw failure;
        } catch (RuntimeException | Error other) {
            outcomes.unexpected(other);
            throw other;
        } finally {
            outcomes.took(System.nanoTime() - started);
        }
    }

    /** The slowest call of any operation, in milliseconds, failed ones included. */
    long slowestMillis() {
        return all().stream().mapToLong(Outcomes::slowestMillis).max().orElse(0);
    }

    /** Every unexpected failure of every operation, described. */
    List<String> unexpected() {
        var descriptions = new ArrayList<String>();
        for (Outcomes outcomes : all()) {
            outcomes.unexpected().forEach(failure -> descriptions.add(outcomes.operation() + ": " + failure));
        }
        return descriptions;
    }

    /** A Markdown table: per operation, the calls answered, their rate over {@code elapsed}, latencies and outcomes. */
    String table(Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        var table = new StringBuilder();
        table.append("| Operation | answered | ops/s | p50 ms | p99 ms | succeeded | refused (intended) | failed | unexpected |\n");
        table.append("|---|---:|---:|---:|---:|---:|---|---:|---:|\n");
        long total = 0;
        for (Outcomes outcomes : all()) {
            long answered = outcomes.successes() + outcomes.refusals();
            total += answered;
            table.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.2f | %.2f | %,d | %s | %,d | %,d |%n", outcomes.operation(), answered,
                    answered / seconds, outcomes.latencyMillis(50), outcomes.latencyMillis(99), outcomes.successes(),
                    outcomes.refusalsByType().isEmpty() ? "" : outcomes.refusalsByType().toString().replaceAll("[{}]", ""),
                    outcomes.failures(), outcomes.unexpectedCount()));
        }
        table.append(String.format(Locale.ROOT, "| **all** | %,d | %,.0f | | | | | | |%n", total, total / seconds));
        return table.toString();
    }
}
