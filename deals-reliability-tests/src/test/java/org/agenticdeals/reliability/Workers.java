package org.agenticdeals.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one step over and over on several threads until a deadline; the first failure of any thread fails the run. */
final class Workers {

    /** One iteration of a worker's loop. */
    @FunctionalInterface
    interface Step {
        void run(int thread, SplittableRandom random) throws Exception;
    }

    private Workers() {
    }

    /**
     * Runs {@code step} on {@code threads} threads until {@code duration} has passed (a step under way finishes), each
     * thread with its own random numbers from {@code seed}; returns how long it took.
     *
     * @throws AssertionError wrapping the first exception a step threw, or if a thread is still busy a minute after the
     *                        deadline (a hang)
     */
    static Duration run(int threads, Duration duration, long seed, Step step) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int index = thread;
                var random = new SplittableRandom(seed * 1_000 + thread);
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        step.run(index, random);
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : running) {
                long left = deadline + TimeUnit.MINUTES.toNanos(1) - System.nanoTime();
                try {
                    worker.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                } catch (ExecutionException failed) {
                    throw new AssertionError("a worker failed: " + failed.getCause(), failed.getCause());
                } catch (TimeoutException hung) {
                    throw new AssertionError("a worker was still busy a minute after the deadline", hung);
                }
            }
            return Duration.ofNanos(System.nanoTime() - started);
        } finally {
            pool.shutdownNow();
        }
    }
}
