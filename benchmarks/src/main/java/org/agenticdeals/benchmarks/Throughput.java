package org.agenticdeals.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Closed-loop throughput: {@code threads} threads call an operation back to back, after a warm-up of the same shape. */
final class Throughput {

    private static final long WARM_UP_MILLIS = 2_000;
    private static final long MEASURE_MILLIS = 8_000;

    private Throughput() {
    }

    /** One call of the operation under test, by one thread, with that thread's random source. */
    @FunctionalInterface
    interface Operation {
        void run(SplittableRandom random) throws Exception;
    }

    /** Measures {@code operation}; with a {@code baseline} row, the note gives the ratio to it. */
    static Report.Row measure(String scenario, int threads, Operation operation, Report.Row baseline) throws Exception {
        runFor(threads, operation, WARM_UP_MILLIS, new ArrayList<>());
        var latencies = new ArrayList<Latencies>();
        long started = System.nanoTime();
        long operations = runFor(threads, operation, MEASURE_MILLIS, latencies);
        double seconds = (System.nanoTime() - started) / 1e9;
        var merged = new Latencies();
        latencies.forEach(merged::addAll);
        String note = baseline == null ? "the shape to match" : String.format(Locale.ROOT, "%.2f of the baseline", (operations / seconds)
                / baseline.opsPerSecond());
        return new Report.Row(scenario, threads, (int) operations, seconds, merged, note);
    }

    private static long runFor(int threads, Operation operation, long millis, List<Latencies> collected) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var total = new AtomicLong();
        long deadline = System.nanoTime() + millis * 1_000_000;
        try {
            var workers = new ArrayList<Callable<Latencies>>();
            for (int thread = 0; thread < threads; thread++) {
                long seed = 31L * thread + millis;
                workers.add(() -> {
                    var random = new SplittableRandom(seed);
                    var latencies = new Latencies();
                    while (System.nanoTime() < deadline) {
                        long before = System.nanoTime();
                        operation.run(random);
                        latencies.record(System.nanoTime() - before);
                        total.incrementAndGet();
                    }
                    return latencies;
                });
            }
            for (Future<Latencies> worker : pool.invokeAll(workers)) {
                collected.add(worker.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return total.get();
    }
}
