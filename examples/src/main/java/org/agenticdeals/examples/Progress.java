package org.agenticdeals.examples;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress indication for a slow step: prints a line every two seconds while the step runs, so a first run that
 * unpacks PostgreSQL does not look stuck. Lines, not a carriage-return spinner: Maven's exec plugin passes the
 * program's output on line by line.
 */
final class Progress implements AutoCloseable {

    private static final long INTERVAL_SECONDS = 2;

    private final ScheduledExecutorService ticker;
    private final long started = System.nanoTime();

    private Progress(PrintStream out, String activity) {
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "tour-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> out.printf("         ... %s, %d s%n", activity, elapsedMillis() / 1_000),
                INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts ticking; {@link #close()} stops. */
    static Progress of(PrintStream out, String activity) {
        return new Progress(out, activity);
    }

    /** Prints a bar of {@code done} out of {@code total} parts, naming the part just finished. */
    static void bar(PrintStream out, int done, int total, String finished) {
        int width = 20;
        int filled = Math.round(width * (float) done / total);
        out.printf("         [%s%s] %2d/%d %s%n", "#".repeat(filled), ".".repeat(width - filled), done, total, finished);
    }

    long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
