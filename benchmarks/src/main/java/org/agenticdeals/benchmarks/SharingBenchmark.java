package org.agenticdeals.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.PageRequest;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.catalog.DealView;
import org.agenticdeals.postgres.ProviderSettings;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;

/**
 * {@code Sharing.resolve} against a raw-JDBC baseline under the same security (in one round trip set the system
 * context and {@code UPDATE ... SET click_count = click_count + 1 ... RETURNING deal_id}, then commit), on the same
 * pool and server: spread over 1,000 links and on one hot link, at 1 and 8 threads. Resolve does more than the
 * baseline: it checks the share's and the deal's state, records the click and returns the deal's view. Then the
 * popularity reads over {@value #INTERACTIONS} interactions of the last 24 hours.
 */
final class SharingBenchmark {

    static final int LINKS = 1_000;
    static final int INTERACTIONS = 1_000_000;
    private static final int READS = 40;

    private SharingBenchmark() {
    }

    static void run(Report report, PrintStream out) throws Exception {
        try (DealsTestkit testkit = DealsTestkit.start(ProviderSettings.fromEnvironment(), 0);
             TestDatabase database = testkit.database(Seed.demo())) {
            out.println("server: " + testkit.server().describe());
            Deals deals = database.deals();
            List<String> links = createLinks(deals, database);
            DataSource pool = database.dataSource();
            for (int threads : new int[] {1, 8}) {
                for (boolean spread : new boolean[] {true, false}) {
                    String shape = spread ? "spread over 1,000 links" : "one hot link";
                    Throughput.Operation baseline = random -> rawClick(pool, spread ? links.get(random.nextInt(LINKS)) : links.get(0));
                    Throughput.Operation resolve = random -> deals.sharing().resolve(spread ? links.get(random.nextInt(LINKS)) : links.get(0));
                    Report.Row raw = Throughput.measure("baseline raw UPDATE ... RETURNING, " + shape, threads, baseline, null);
                    Report.Row ours = Throughput.measure("Sharing.resolve, " + shape, threads, resolve, raw);
                    report.add(raw);
                    report.add(ours);
                    out.printf(Locale.ROOT, "  %-28s %d threads: %.0f resolves/s vs baseline %.0f/s (%.2f)%n", shape, threads,
                            ours.opsPerSecond(), raw.opsPerSecond(), ours.opsPerSecond() / raw.opsPerSecond());
                }
            }
            popularity(report, out, deals, database);
        }
    }

    /** One user's links to the seed's active deals, round robin. */
    private static List<String> createLinks(Deals deals, TestDatabase database) {
        UUID owner = database.fixtures().user().create().getId();
        List<UUID> active = deals.catalog().search(DealQuery.all(), PageRequest.first(PageRequest.MAX_SIZE)).items().stream()
                .map(DealView::id).toList();
        var links = new ArrayList<String>();
        for (int index = 0; index < LINKS; index++) {
            links.add(deals.sharing().share(owner, NewShare.byLink(active.get(index % active.size()))).publicLinkId());
        }
        return links;
    }

    /** The baseline: a click counted by hand, with the context set in the same round trip, under the same pool. */
    private static void rawClick(DataSource pool, String link) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement click = connection.prepareStatement("select set_config('app.system_context', 'on', true);"
                    + " update deals.shared_deals set click_count = click_count + 1 where public_link_id = ? returning deal_id")) {
                click.setString(1, link);
                click.execute();
                click.getMoreResults();
                try (ResultSet row = click.getResultSet()) {
                    if (!row.next()) {
                        throw new IllegalStateException("no share for link " + link);
                    }
                }
                connection.commit();
            } catch (SQLException failed) {
                connection.rollback();
                throw failed;
            }
        }
    }

    /** Per-deal counts and trending over a day of interactions written set-wise, one read at a time. */
    private static void popularity(Report report, PrintStream out, Deals deals, TestDatabase database) {
        var owner = database.ownerDsl();
        long started = System.nanoTime();
        owner.execute("""
                with u as (select array_agg(id) ids from deals.users),
                     d as (select array_agg(id) ids from deals.deals where status = 'active')
                insert into deals.social_interactions (user_id, deal_id, interaction_type, created_at)
                select u.ids[1 + g %% cardinality(u.ids)], d.ids[1 + (g::bigint * g) %% cardinality(d.ids)],
                       (array['view', 'view', 'view', 'click', 'click', 'save', 'share', 'purchase'])[1 + g %% 8]::deals.interaction_type,
                       now() - (g %% 86400) * interval '1 second'
                from generate_series(1, %d) g, u, d
                """.formatted(INTERACTIONS));
        owner.execute("vacuum analyze deals.social_interactions");
        out.printf(Locale.ROOT, "  wrote %,d interactions in %.1f s%n", INTERACTIONS, (System.nanoTime() - started) / 1e9);
        UUID busiest = deals.interactions().trending(1).get(0).dealId();

        var trending = new Latencies();
        long trendingStarted = System.nanoTime();
        for (int read = 0; read < READS; read++) {
            long before = System.nanoTime();
            deals.interactions().trending(20);
            trending.record(System.nanoTime() - before);
        }
        report.add(new Report.Row("Interactions.trending(20), 1M interactions in 24 h", 1, READS, (System.nanoTime() - trendingStarted) / 1e9,
                trending, "index-only scan of the day"));

        var counts = new Latencies();
        long countsStarted = System.nanoTime();
        Instant now = Instant.now();
        for (int read = 0; read < READS; read++) {
            long before = System.nanoTime();
            deals.interactions().counts(busiest, now.minus(Duration.ofHours(24)), now);
            counts.record(System.nanoTime() - before);
        }
        report.add(new Report.Row("Interactions.counts(busiest deal, 24 h)", 1, READS, (System.nanoTime() - countsStarted) / 1e9, counts,
                "one deal's range of its index"));
    }
}
