package org.agenticdeals.benchmarks;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.PageRequest;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.postgres.ProviderSettings;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;

/**
 * Search over, and ingestion into, a catalog of 1,000,000 deals ({@code Seed.large}): the searches on the seeded
 * catalog, then 10,000-deal batches of re-listed products, then the text searches again with the fresh deals
 * newest; prints the plans of the measured searches ({@code EXPLAIN (ANALYZE, BUFFERS)}). The baselines are what a
 * host would write by hand with JDBC: the textbook full-text query ordered by {@code ts_rank}, the filtered query,
 * and a JDBC batch of row-by-row upserts.
 */
final class CatalogBenchmark {

    private static final int BATCH = 10_000;
    private static final int BATCHES = 5;
    private static final int SEARCHES = 300;
    private static final List<String> PHRASES = List.of("noise cancelling", "cast iron", "standing desk", "yoga mat", "air fryer",
            "gaming laptop", "power bank", "dutch oven");

    private CatalogBenchmark() {
    }

    static void run(Report report, PrintStream out, int catalogSize) {
        try (DealsTestkit testkit = DealsTestkit.start(ProviderSettings.fromEnvironment(), 0)) {
            out.println("server: " + testkit.server().describe());
            long started = System.nanoTime();
            testkit.prepare(Seed.large(catalogSize));
            out.printf(Locale.ROOT, "  Seed.large(%d) template in %.1f s%n", catalogSize, (System.nanoTime() - started) / 1e9);
            try (TestDatabase database = testkit.database(Seed.large(catalogSize))) {
                database.ownerDsl().execute("vacuum analyze deals.deals");
                Deals deals = database.deals();
                SeedData seed = database.seedData();
                search(report, deals, seed, "");
                baselineSearches(report, database.dataSource(), seed);
                ingest(report, deals, database.deals(builder -> builder.parallelIngestion(false)), seed, database.ownerDsl(),
                        database.dataSource());
                database.ownerDsl().execute("analyze deals.deals");
                search(report, deals, seed, ", after ingestion");
                explain(out, seed, database.ownerDsl());
            }
        }
    }

    private static void search(Report report, Deals deals, SeedData seed, String when) {
        UUID electronics = seed.category("Electronics").id();
        UUID kitchen = seed.category("Home & Kitchen/Kitchen").id();
        var random = new SplittableRandom(11);
        Supplier<DealQuery> filtered = () -> DealQuery.all()
                .withCategory(random.nextBoolean() ? electronics : kitchen)
                .withPriceBetween(BigDecimal.valueOf(50 + random.nextInt(100)), BigDecimal.valueOf(300 + random.nextInt(400)))
                .withMinDiscount(BigDecimal.valueOf(20 + random.nextInt(30)));
        Supplier<DealQuery> text = () -> DealQuery.all().withText(PHRASES.get(random.nextInt(PHRASES.size())));
        if (when.isEmpty()) {
            measure(report, deals, "search: category subtree + price range + min discount", filtered);
        }
        measure(report, deals, "search: two words, by relevance" + when, text);
        measure(report, deals, "search: two words, newest first" + when, () -> text.get().sortedBy(DealQuery.Sort.NEWEST));
        measure(report, deals, "search: two words in a subtree, by discount" + when,
                () -> text.get().withCategory(random.nextBoolean() ? electronics : kitchen).sortedBy(DealQuery.Sort.DISCOUNT));
        measure(report, deals, "search: two words matching none" + when, () -> DealQuery.all().withText("purple " + PHRASES.get(random.nextInt(PHRASES.size()))));
    }

    /** Batches of products like the catalog's, re-listed under new links: the feed a scraper delivers. */
    private static void ingest(Report report, Deals deals, Deals oneConnection, SeedData seed, DSLContext owner, DataSource pool) {
        UUID source = seed.source("Slickdeals Scraper").id();
        List<org.jooq.Record> listed = owner.fetch("""
                select title, description, original_price, market_id, category_id from deals.deals
                where status = 'active' and category_id is not null order by id limit 20000""");
        var baseline = new Latencies();
        long baselineStarted = System.nanoTime();
        for (int batch = 0; batch < BATCHES; batch++) {
            List<DealInput> items = batch(listed, "raw/" + batch, new SplittableRandom(batch));
            long before = System.nanoTime();
            rawUpserts(pool, source, items);
            baseline.record(System.nanoTime() - before);
        }
        report.add(new Report.Row("baseline raw JDBC batch of upserts, 10,000 deals", 1, BATCHES * BATCH, (System.nanoTime() - baselineStarted) / 1e9,
                baseline, String.format(Locale.ROOT, "%.0f deals/s at the median batch", BATCH / (baseline.percentileMillis(50) / 1000))));

        // Batches with the search-vector helper (the default) and without it (parallelIngestion off) take turns, so
        // both rows see the same machine and the same catalog.
        var latencies = new Latencies();
        var withoutHelper = new Latencies();
        double seconds = 0;
        double secondsWithoutHelper = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            for (boolean helper : List.of(true, false)) {
                List<DealInput> items = batch(listed, (helper ? "one/" : "seq/") + batch, new SplittableRandom(batch));
                long before = System.nanoTime();
                (helper ? deals : oneConnection).catalog().ingest(source, items);
                long elapsed = System.nanoTime() - before;
                (helper ? latencies : withoutHelper).record(elapsed);
                if (helper) {
                    seconds += elapsed / 1e9;
                } else {
                    secondsWithoutHelper += elapsed / 1e9;
                }
            }
        }
        report.add(new Report.Row("ingest 10,000-deal batches into 1,000,000", 1, BATCHES * BATCH, seconds, latencies,
                String.format(Locale.ROOT, "%.0f deals/s at the median batch, %.0f at the slowest; target >= 20,000",
                        BATCH / (latencies.percentileMillis(50) / 1000), BATCH / (latencies.percentileMillis(100) / 1000))));
        report.add(new Report.Row("ingest, one connection (parallelIngestion off)", 1, BATCHES * BATCH, secondsWithoutHelper, withoutHelper,
                String.format(Locale.ROOT, "%.0f deals/s at the median batch", BATCH / (withoutHelper.percentileMillis(50) / 1000))));

        // Two feeds at once, as a host ingesting from several sources would: what the server does with both cores.
        List<UUID> sources = List.of(source, seed.source("Best Buy Products API").id());
        var perFeed = new java.util.concurrent.ConcurrentLinkedQueue<Latencies>();
        long together = System.nanoTime();
        List<Thread> feeds = new ArrayList<>();
        for (int feed = 0; feed < sources.size(); feed++) {
            int feedIndex = feed;
            Thread thread = new Thread(() -> {
                var mine = new Latencies();
                for (int batch = 0; batch < BATCHES; batch++) {
                    List<DealInput> items = batch(listed, "two/" + feedIndex + "/" + batch, new SplittableRandom(100 + 10L * feedIndex + batch));
                    long before = System.nanoTime();
                    deals.catalog().ingest(sources.get(feedIndex), items);
                    mine.record(System.nanoTime() - before);
                }
                perFeed.add(mine);
            }, "feed-" + feed);
            thread.start();
            feeds.add(thread);
        }
        feeds.forEach(CatalogBenchmark::join);
        double togetherSeconds = (System.nanoTime() - together) / 1e9;
        var all = new Latencies();
        perFeed.forEach(all::addAll);
        report.add(new Report.Row("ingest 10,000-deal batches, two feeds at once", sources.size(), sources.size() * BATCHES * BATCH, togetherSeconds,
                all, String.format(Locale.ROOT, "%.0f deals/s together", sources.size() * BATCHES * BATCH / togetherSeconds)));
    }

    /** The hand-written alternative: one upsert per deal in a JDBC batch, one transaction, no history, no drops. */
    private static void rawUpserts(DataSource pool, UUID source, List<DealInput> items) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into deals.deals (id, title, description, original_price, current_price, discount_percentage, url, market_id,
                                             category_id, source_id)
                    values (?, ?, ?, ?, ?, round((? - ?) * 100 / ?, 2), ?, ?, ?, ?)
                    on conflict (source_id, url) do update set title = excluded.title, description = excluded.description,
                        original_price = excluded.original_price, current_price = excluded.current_price,
                        discount_percentage = excluded.discount_percentage""")) {
                for (DealInput item : items) {
                    upsert.setObject(1, UUID.randomUUID());
                    upsert.setString(2, item.title());
                    upsert.setString(3, item.description());
                    upsert.setBigDecimal(4, item.originalPrice());
                    upsert.setBigDecimal(5, item.currentPrice());
                    upsert.setBigDecimal(6, item.originalPrice());
                    upsert.setBigDecimal(7, item.currentPrice());
                    upsert.setBigDecimal(8, item.originalPrice());
                    upsert.setString(9, item.url());
                    upsert.setObject(10, item.marketId());
                    upsert.setObject(11, item.categoryId());
                    upsert.setObject(12, source);
                    upsert.addBatch();
                }
                upsert.executeBatch();
                connection.commit();
            } catch (SQLException failed) {
                connection.rollback();
                throw failed;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** The same searches written by hand: the textbook text query (ranked by ts_rank) and the filtered one. */
    private static void baselineSearches(Report report, DataSource pool, SeedData seed) {
        var random = new SplittableRandom(11);
        String view = """
                select d.id, d.title, d.description, d.url, d.image_url, d.original_price, d.current_price, d.discount_percentage,
                       d.created_at, m.name, s.name, s.reliability_score, deals.category_path(d.category_id)
                from deals.deals d join deals.markets m on m.id = d.market_id join deals.sources s on s.id = d.source_id
                where d.status = 'active' and (d.expires_at is null or d.expires_at > now())
                """;
        measureRaw(report, pool, "baseline raw JDBC: two words, ts_rank order", view + """
                  and d.search_vector @@ websearch_to_tsquery('english', ?)
                order by ts_rank(d.search_vector, websearch_to_tsquery('english', ?)) desc, d.created_at desc, d.id desc limit 21
                """, statement -> {
            String phrase = PHRASES.get(random.nextInt(PHRASES.size()));
            statement.setString(1, phrase);
            statement.setString(2, phrase);
        });
        List<UUID> electronics = subtree(seed, "Electronics");
        List<UUID> kitchen = subtree(seed, "Home & Kitchen/Kitchen");
        measureRaw(report, pool, "baseline raw JDBC: category subtree + price range + min discount", view + """
                  and d.category_id = any (?) and d.current_price between ? and ? and d.discount_percentage >= ?
                order by d.created_at desc, d.id desc limit 21
                """, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", (random.nextBoolean() ? electronics : kitchen).toArray()));
            statement.setBigDecimal(2, BigDecimal.valueOf(50 + random.nextInt(100)));
            statement.setBigDecimal(3, BigDecimal.valueOf(300 + random.nextInt(400)));
            statement.setBigDecimal(4, BigDecimal.valueOf(20 + random.nextInt(30)));
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static void measureRaw(Report report, DataSource pool, String scenario, String sql, Binder binder) {
        var latencies = new Latencies();
        long started = System.nanoTime();
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int search = -30; search < SEARCHES; search++) {
                binder.bind(statement);
                long before = System.nanoTime();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rows.getObject(1);
                    }
                }
                if (search >= 0) {
                    latencies.record(System.nanoTime() - before);
                }
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
        report.add(new Report.Row(scenario, 1, SEARCHES, (System.nanoTime() - started) / 1e9, latencies, "what a host would write by hand"));
    }

    private static List<UUID> subtree(SeedData seed, String path) {
        return seed.categories().stream().filter(category -> category.path().equals(path) || category.path().startsWith(path + "/"))
                .map(SeedData.Category::id).toList();
    }

    private static List<DealInput> batch(List<org.jooq.Record> listed, String prefix, SplittableRandom random) {
        var items = new ArrayList<DealInput>(BATCH);
        for (int item = 0; item < BATCH; item++) {
            org.jooq.Record product = listed.get(random.nextInt(listed.size()));
            BigDecimal original = product.get(2, BigDecimal.class);
            BigDecimal current = original.multiply(BigDecimal.valueOf(50 + random.nextInt(45))).divide(BigDecimal.valueOf(100), 2,
                    java.math.RoundingMode.HALF_UP);
            items.add(new DealInput(product.get(0, String.class), product.get(1, String.class), "https://feed.example.com/" + prefix + "/" + item,
                    null, original, current, product.get(3, UUID.class), product.get(4, UUID.class), null));
        }
        return items;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static void measure(Report report, Deals deals, String scenario, Supplier<DealQuery> queries) {
        for (int warm = 0; warm < 30; warm++) {
            deals.catalog().search(queries.get(), PageRequest.first(20));
        }
        var latencies = new Latencies();
        long started = System.nanoTime();
        for (int search = 0; search < SEARCHES; search++) {
            DealQuery query = queries.get();
            long before = System.nanoTime();
            deals.catalog().search(query, PageRequest.first(20));
            latencies.record(System.nanoTime() - before);
        }
        report.add(new Report.Row(scenario, 1, SEARCHES, (System.nanoTime() - started) / 1e9, latencies, "first page of 20; target p95 < 10 ms"));
    }

    /** The plans of the searches' statements, as the library sends them (the probe, then the text index's). */
    private static void explain(PrintStream out, SeedData seed, DSLContext owner) {
        UUID electronics = seed.category("Electronics").id();
        out.println();
        out.println("plan of the filtered search (Electronics subtree, 100..500, discount >= 30, newest first):");
        explain(out, owner, """
                select d.id, d.title, m.name, s.name, deals.category_path(d.category_id)
                from deals.deals d join deals.markets m on m.id = d.market_id join deals.sources s on s.id = d.source_id
                where d.status = 'active' and (d.expires_at is null or d.expires_at > now())
                  and d.category_id in (select id from deals.categories where id = '%1$s' or parent_id = '%1$s'
                                        or parent_id in (select id from deals.categories where parent_id = '%1$s'))
                  and d.current_price >= 100 and d.current_price <= 500 and d.discount_percentage >= 30
                order by d.created_at desc, d.id desc limit 21
                """.formatted(electronics));
        out.println("plan of the text search by relevance ('noise cancelling'), its probe:");
        explain(out, owner, """
                select d.id, d.title, m.name, s.name, deals.category_path(d.category_id)
                from (select * from deals.deals order by created_at desc, id desc limit 4000) d
                     join deals.markets m on m.id = d.market_id join deals.sources s on s.id = d.source_id
                where d.status = 'active' and (d.expires_at is null or d.expires_at > now())
                  and d.search_vector @@ websearch_to_tsquery('english', 'noise cancelling')
                  and ts_filter(d.search_vector, array['a'::"char"]) @@ websearch_to_tsquery('english', 'noise cancelling')
                order by d.created_at desc, d.id desc limit 21
                """);
        out.println("plan of a text search the probe cannot answer ('purple noise cancelling'), from the text index:");
        explain(out, owner, """
                select d.id, d.title, m.name, s.name, deals.category_path(d.category_id),
                       case when ts_filter(d.search_vector, array['a'::"char"]) @@ websearch_to_tsquery('english', 'purple noise cancelling')
                            then 0 else 1 end as tier
                from (select d.* from deals.deals d
                      where d.status = 'active' and (d.expires_at is null or d.expires_at > now())
                        and d.search_vector @@ websearch_to_tsquery('english', 'purple noise cancelling') offset 0) d
                     join deals.markets m on m.id = d.market_id join deals.sources s on s.id = d.source_id
                order by tier, d.created_at desc, d.id desc limit 21
                """);
    }

    private static void explain(PrintStream out, DSLContext owner, String sql) {
        owner.fetch("explain (analyze, buffers) " + sql).forEach(row -> out.println("    " + row.get(0)));
    }
}
