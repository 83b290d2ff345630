package org.agenticdeals.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.PageRequest;
import org.agenticdeals.analysis.AnalysisSubject;
import org.agenticdeals.analysis.AnalysisTask;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.catalog.DealView;
import org.agenticdeals.postgres.ProviderSettings;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;

/**
 * The analysis queue with 8 workers: each operation claims the oldest pending request and completes it (the result
 * stored, the unused charge refunded through the ledger, the deal's analysis replaced), against a raw-JDBC baseline of
 * the bare queue on the same pool and server (the same {@code SKIP LOCKED} claim, then an {@code UPDATE} to
 * completed; no refund, no deal, no checks). The requests are queued first through {@code Analysis.request} at 8
 * threads, which is measured too.
 */
final class AnalysisBenchmark {

    static final int WORKERS = 8;
    private static final int REQUESTS = 40_000;
    private static final int BASELINE_ROWS = 200_000;
    private static final int USERS = 200;
    private static final String RESULT = "{\"verdict\": \"buy\", \"score\": 81, \"reasons\": [\"lowest price seen\", \"30 % off\"]}";

    private AnalysisBenchmark() {
    }

    static void run(Report report, PrintStream out) throws Exception {
        try (DealsTestkit testkit = DealsTestkit.start(ProviderSettings.fromEnvironment(), 0);
             TestDatabase database = testkit.database(Seed.demo())) {
            out.println("server: " + testkit.server().describe());
            Deals deals = database.deals();
            report.add(queue(deals, database, out));

            insertBaselineRows(database);
            DataSource pool = database.dataSource();
            AtomicInteger workers = new AtomicInteger();
            ThreadLocal<String> worker = ThreadLocal.withInitial(() -> "bench-" + workers.incrementAndGet());
            Report.Row raw = Throughput.measure("baseline raw claim + complete (bare queue)", WORKERS, random -> rawClaimAndComplete(pool), null);
            database.ownerDsl().execute("delete from deals.ai_analysis_requests where usage_type = 'bench_baseline'");
            database.ownerDsl().execute("vacuum analyze deals.ai_analysis_requests");
            Report.Row ours = Throughput.measure("Analysis.claimNext + complete (refund, deal)", WORKERS, random -> {
                AnalysisTask task = deals.analysis().claimNext(worker.get())
                        .orElseThrow(() -> new IllegalStateException("the queue ran dry: raise REQUESTS"));
                deals.analysis().complete(task, RESULT, "gpt-4o", 1_000 + random.nextInt(2_000));
            }, raw);
            report.add(raw);
            report.add(ours);
            out.printf(Locale.ROOT, "  %d workers: %.0f claim-and-completes/s vs bare queue %.0f/s (%.2f)%n", WORKERS, ours.opsPerSecond(),
                    raw.opsPerSecond(), ours.opsPerSecond() / raw.opsPerSecond());
            List<?> inconsistent = deals.ledger().reconcileAll();
            if (!inconsistent.isEmpty()) {
                throw new IllegalStateException("balances disagree with the ledger after the run: " + inconsistent);
            }
        }
    }

    /** Queues {@value #REQUESTS} deal analyses from {@value #USERS} funded users at 8 threads, timed. */
    private static Report.Row queue(Deals deals, TestDatabase database, PrintStream out) throws Exception {
        UUID admin = database.fixtures().user().admin().create().getId();
        List<UUID> users = new ArrayList<>();
        for (int index = 0; index < USERS; index++) {
            UUID user = database.fixtures().user().create().getId();
            deals.ledger().adjust(admin, user, 1_000_000, "benchmark funds", "bench-funds-" + user);
            users.add(user);
        }
        List<UUID> active = deals.catalog().search(DealQuery.all(), PageRequest.first(PageRequest.MAX_SIZE)).items().stream()
                .map(DealView::id).toList();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        var latencies = new Latencies();
        long started = System.nanoTime();
        try {
            List<Future<Latencies>> threads = new ArrayList<>();
            for (int thread = 0; thread < WORKERS; thread++) {
                threads.add(pool.submit(() -> {
                    var own = new Latencies();
                    for (int index = next.getAndIncrement(); index < REQUESTS; index = next.getAndIncrement()) {
                        long before = System.nanoTime();
                        deals.analysis().request(users.get(index % USERS), AnalysisSubject.deal(active.get(index % active.size())), "deal_analysis");
                        own.record(System.nanoTime() - before);
                    }
                    return own;
                }));
            }
            for (Future<Latencies> thread : threads) {
                latencies.addAll(thread.get());
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "  queued %,d requests in %.1f s%n", REQUESTS, seconds);
        database.ownerDsl().execute("vacuum analyze deals.ai_analysis_requests");
        return new Report.Row("Analysis.request (render, charge, queue)", WORKERS, REQUESTS, seconds, latencies, "8 threads, 200 users");
    }

    /** Free pending requests, older than every real one so the baseline's claims take them first. */
    private static void insertBaselineRows(TestDatabase database) {
        database.ownerDsl().execute("""
                insert into deals.ai_analysis_requests (user_id, product_name, usage_type, model_id, prompt, tokens_charged, requested_at)
                select (select id from deals.users order by id limit 1), 'baseline product ' || g, 'bench_baseline',
                       (select id from deals.ai_models where name = 'gpt-4o'), 'Where is baseline product ' || g || ' cheapest?', 0,
                       timestamptz '2020-01-01' + g * interval '1 millisecond'
                from generate_series(1, %d) g
                """.formatted(BASELINE_ROWS));
        database.ownerDsl().execute("vacuum analyze deals.ai_analysis_requests");
    }

    /** The bare queue: claim the oldest pending row, then mark it completed, each in a transaction with the system context. */
    private static void rawClaimAndComplete(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            Optional<UUID> claimed;
            try (PreparedStatement claim = connection.prepareStatement("select set_config('app.system_context', 'on', true);"
                    + " update deals.ai_analysis_requests r set status = 'processing', worker_id = 'raw', claimed_at = now(), attempts = attempts + 1"
                    + " where r.id = (select id from deals.ai_analysis_requests where status = 'pending' order by requested_at, id limit 1"
                    + " for update skip locked) returning r.id")) {
                claim.execute();
                claim.getMoreResults();
                try (ResultSet row = claim.getResultSet()) {
                    claimed = row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
                }
                connection.commit();
            }
            UUID id = claimed.orElseThrow(() -> new IllegalStateException("the baseline queue ran dry: raise BASELINE_ROWS"));
            try (PreparedStatement complete = connection.prepareStatement("select set_config('app.system_context', 'on', true);"
                    + " update deals.ai_analysis_requests set status = 'completed', completed_at = now(), result = ?::jsonb, tokens_used = 1500,"
                    + " model_used = 'gpt-4o' where id = ? and status = 'processing'")) {
                complete.setString(1, RESULT);
                complete.setObject(2, id);
                complete.execute();
                connection.commit();
            } catch (SQLException failed) {
                connection.rollback();
                throw failed;
            }
        }
    }
}
