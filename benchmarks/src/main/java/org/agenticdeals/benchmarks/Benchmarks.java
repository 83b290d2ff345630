package org.agenticdeals.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.agenticdeals.AuthenticationException;
import org.agenticdeals.Deals;
import org.agenticdeals.postgres.ProviderSettings;
import org.agenticdeals.users.Registration;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;

/**
 * Runs the benchmark scenarios named on the command line and prints one table. Each scenario measures the
 * library next to a baseline of the same shape, in the same process, on the same server.
 *
 * <pre>
 * ./mvnw -q -Pbench -pl benchmarks -am verify -DskipTests -Dbench=testkit,large-seed
 * </pre>
 *
 * <ul>
 *   <li>{@code testkit}: handing a test a fresh demo-seeded database (copies made ahead, and on demand), against
 *       migrating and seeding a database from scratch;</li>
 *   <li>{@code large-seed}: loading {@code Seed.large(1_000_000)} (or {@code -Dlarge.deals=N});</li>
 *   <li>{@code ledger}: debits over 100,000 users and on one hot user, at 1 and 8 threads, against a raw-JDBC
 *       baseline of the same shape;</li>
 *   <li>{@code catalog}: ingestion batches into, and searches over, 1,000,000 deals, with the searches' plans;</li>
 *   <li>{@code goals}: matching 10,000-deal batches against 10,000 active goals over 1,000,000 deals (or
 *       {@code -Dlarge.deals=N -Dgoals.count=M}), end to end, against a per-goal JDBC loop of the same run;</li>
 *   <li>{@code sharing}: {@code Sharing.resolve} at 1 and 8 threads against a raw {@code UPDATE ... RETURNING} of the
 *       click count, and trending and per-deal counts over a day of 1,000,000 interactions;</li>
 *   <li>{@code analysis}: queuing paid analysis requests at 8 threads, then 8 workers claiming and completing them,
 *       against a raw-JDBC claim-and-complete of the bare queue;</li>
 *   <li>{@code auth}: log-in at bcrypt cost 12 for a right password, a wrong one and an unknown address, which
 *       must take the same time (no account-existence oracle).</li>
 * </ul>
 */
public final class Benchmarks {

    private static final int HANDOUTS = 60;
    private static final int FROM_SCRATCH = 5;
    /** What a short test does with its database before closing it. */
    private static final long TEST_WORK_MILLIS = 20;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> scenarios = args.length == 0 ? List.of("testkit") : List.of(String.join(",", args).split(","));
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "agentic-deals benchmarks on %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        var report = new Report();
        for (String scenario : scenarios) {
            switch (scenario.strip()) {
                case "testkit" -> testkit(report, out);
                case "large-seed" -> largeSeed(report, out, Integer.getInteger("large.deals", Seed.MAX_LARGE_DEALS));
                case "auth" -> authentication(report, out);
                case "ledger" -> LedgerBenchmark.run(report, out);
                case "catalog" -> CatalogBenchmark.run(report, out, Integer.getInteger("large.deals", Seed.MAX_LARGE_DEALS));
                case "goals" -> GoalsBenchmark.run(report, out, Integer.getInteger("large.deals", Seed.MAX_LARGE_DEALS),
                        Integer.getInteger("goals.count", GoalsBenchmark.GOALS));
                case "sharing" -> SharingBenchmark.run(report, out);
                case "analysis" -> AnalysisBenchmark.run(report, out);
                default -> throw new IllegalArgumentException("unknown scenario '" + scenario
                        + "': use testkit, large-seed, auth, ledger, catalog, goals, sharing or analysis");
            }
        }
        report.print(out);
    }

    private static void testkit(Report report, PrintStream out) {
        try (DealsTestkit onDemand = DealsTestkit.start(ProviderSettings.fromEnvironment(), 0)) {
            out.println("server: " + onDemand.server().describe());
            var fromScratch = new Latencies();
            long started = System.nanoTime();
            for (int run = 1; run <= FROM_SCRATCH; run++) {
                long before = System.nanoTime();
                onDemand.prepare(Seed.demo().withRandomSeed(run));
                fromScratch.record(System.nanoTime() - before);
            }
            report.add(new Report.Row("baseline: migrate + seed demo from scratch", 1, FROM_SCRATCH, seconds(started), fromScratch,
                    "template build: migrate, seed, VACUUM ANALYZE"));
            onDemand.prepare(Seed.demo());
            report.add(handOut(onDemand, "fresh demo database, copied on demand"));
        }
        try (DealsTestkit ahead = DealsTestkit.start(ProviderSettings.fromEnvironment(), DealsTestkit.DEFAULT_POOL_SIZE)) {
            ahead.prepare(Seed.demo());
            sleepMillis(500);
            report.add(handOut(ahead, "fresh demo database, " + DealsTestkit.DEFAULT_POOL_SIZE + " copies made ahead"));
        }
    }

    private static Report.Row handOut(DealsTestkit testkit, String scenario) {
        var latencies = new Latencies();
        long started = System.nanoTime();
        for (int test = 0; test < HANDOUTS; test++) {
            long before = System.nanoTime();
            TestDatabase database = testkit.database(Seed.demo());
            latencies.record(System.nanoTime() - before);
            sleepMillis(TEST_WORK_MILLIS);
            database.close();
        }
        return new Report.Row(scenario, 1, HANDOUTS, seconds(started), latencies,
                "each test then works " + TEST_WORK_MILLIS + " ms; target p50 < 50 ms");
    }

    private static void largeSeed(Report report, PrintStream out, int deals) {
        try (DealsTestkit testkit = DealsTestkit.start(ProviderSettings.fromEnvironment(), 0)) {
            out.println("server: " + testkit.server().describe());
            var load = new Latencies();
            long before = System.nanoTime();
            testkit.prepare(Seed.large(deals));
            long elapsed = System.nanoTime() - before;
            load.record(elapsed);
            double seconds = elapsed / 1e9;
            report.add(new Report.Row("Seed.large(" + deals + ") template", 1, 1, seconds, load,
                    String.format(Locale.ROOT, "%.1f s, %.0f deals/s incl. migrate, 1,000 users, VACUUM ANALYZE; target < 60 s",
                            seconds, deals / seconds)));
            var copy = new Latencies();
            long copyStarted = System.nanoTime();
            try (TestDatabase database = testkit.database(Seed.large(deals))) {
                copy.record(System.nanoTime() - copyStarted);
                out.println("copied " + database.name());
            }
            report.add(new Report.Row("copy of the large template", 1, 1, seconds(copyStarted), copy, "CREATE DATABASE ... TEMPLATE"));
        }
    }

    private static void authentication(Report report, PrintStream out) {
        int attempts = 20;
        try (DealsTestkit testkit = DealsTestkit.start(ProviderSettings.fromEnvironment(), 0);
             TestDatabase database = testkit.database(Seed.empty())) {
            out.println("server: " + testkit.server().describe());
            Deals deals = database.deals(builder -> builder.bcryptCost(12));
            deals.users().register(new Registration("benchmark@example.com", "cobalt-lantern-meadow", null));
            String[][] cases = {
                    {"log-in, right password (cost 12)", "benchmark@example.com", "cobalt-lantern-meadow"},
                    {"log-in, wrong password (cost 12)", "benchmark@example.com", "wrong-lantern-meadow"},
                    {"log-in, unknown address (cost 12)", "nobody@example.com", "cobalt-lantern-meadow"}};
            for (String[] attempt : cases) {
                var latencies = new Latencies();
                long started = System.nanoTime();
                for (int run = 0; run < attempts; run++) {
                    long before = System.nanoTime();
                    try {
                        deals.users().authenticate(attempt[1], attempt[2]);
                    } catch (AuthenticationException refused) {
                        // measured all the same: refusals must cost what a success costs
                    }
                    latencies.record(System.nanoTime() - before);
                }
                report.add(new Report.Row(attempt[0], 1, attempts, seconds(started), latencies, "same time whether or not the address exists"));
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
