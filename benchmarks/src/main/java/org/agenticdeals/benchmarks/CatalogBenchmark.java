package org.agenticdeals.benchmarks;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
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
 * Ingestion into, and search over, a catalog of 1,000,000 deals ({@code Seed.large}); prints the plans of the
 * measured searches ({@code EXPLAIN (ANALYZE, BUFFERS)}).
 */
final class CatalogBenchmark {

    private static final int BATCH = 10_000;
    private static final int BATCHES = 5;
    private static final int SEARCHES = 300;

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
                ingest(report, deals, seed);
                search(report, out, deals, seed, database.ownerDsl());
            }
        }
    }

    private static void ingest(Report report, Deals deals, SeedData seed) {
        UUID source = seed.source("Slickdeals Scraper").id();
        List<UUID> markets = seed.markets().stream().limit(8).map(SeedData.Market::id).toList();
        List<UUID> leaves = seed.categories().stream().filter(category -> category.depth() == 3).map(SeedData.Category::id).toList();
        var random = new SplittableRandom(7);
        var latencies = new Latencies();
        long started = System.nanoTime();
        int ingested = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            var items = new ArrayList<DealInput>(BATCH);
            for (int item = 0; item < BATCH; item++) {
                BigDecimal original = BigDecimal.valueOf(20 + random.nextInt(980)).add(new BigDecimal("0.99"));
                BigDecimal current = original.multiply(BigDecimal.valueOf(50 + random.nextInt(45))).divide(BigDecimal.valueOf(100), 2,
                        java.math.RoundingMode.HALF_UP);
                items.add(new DealInput("Benchmark gadget " + batch + "-" + item + " with wireless charging", "Fresh from the benchmark feed.",
                        "https://feed.example.com/deal/" + batch + "/" + item, null, original, current, markets.get(random.nextInt(markets.size())),
                        leaves.get(random.nextInt(leaves.size())), null));
            }
            long before = System.nanoTime();
            IngestionResult result = deals.catalog().ingest(source, items);
            latencies.record(System.nanoTime() - before);
            ingested += result.inserted() + result.updated();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double perSecond = ingested / (latencies.percentileMillis(100) * BATCHES / 1000.0);
        report.add(new Report.Row("ingest 10,000-deal batches into 1,000,000", 1, ingested, seconds, latencies,
                String.format(Locale.ROOT, "%.0f deals/s (slowest batch); target >= 20,000", perSecond)));
    }

    private static void search(Report report, PrintStream out, Deals deals, SeedData seed, DSLContext owner) {
        UUID electronics = seed.category("Electronics").id();
        UUID kitchen = seed.category("Home & Kitchen/Kitchen").id();
        var random = new SplittableRandom(11);
        List<String> phrases = List.of("noise cancelling", "cast iron", "standing desk", "yoga mat", "air fryer", "gaming laptop", "power bank",
                "dutch oven");
        Supplier<DealQuery> filtered = () -> DealQuery.all()
                .withCategory(random.nextBoolean() ? electronics : kitchen)
                .withPriceBetween(BigDecimal.valueOf(50 + random.nextInt(100)), BigDecimal.valueOf(300 + random.nextInt(400)))
                .withMinDiscount(BigDecimal.valueOf(20 + random.nextInt(30)));
        Supplier<DealQuery> text = () -> DealQuery.all().withText(phrases.get(random.nextInt(phrases.size())));
        Supplier<DealQuery> textNewest = () -> text.get().sortedBy(DealQuery.Sort.NEWEST);
        measure(report, deals, "search: category subtree + price range + min discount", filtered);
        measure(report, deals, "search: two words, by relevance", text);
        measure(report, deals, "search: two words, newest first", textNewest);
        out.println();
        out.println("plan of the filtered search (Electronics subtree, 100..500, discount >= 30):");
        explain(out, owner, """
                select d.id from deals.deals d join deals.markets m on m.id = d.market_id join deals.sources s on s.id = d.source_id
                where d.status = 'active' and (d.expires_at is null or d.expires_at > now())
                  and d.category_id in (select id from deals.categories where id = '%s' or parent_id = '%s'
                                        or parent_id in (select id from deals.categories where parent_id = '%s'))
                  and d.current_price >= 100 and d.current_price <= 500 and d.discount_percentage >= 30
                order by d.created_at desc, d.id desc limit 21
                """.formatted(electronics, electronics, electronics));
        out.println("plan of the text search by relevance ('noise cancelling'):");
        explain(out, owner, """
                select d.id, ts_rank(d.search_vector, websearch_to_tsquery('english', 'noise cancelling')) as rank
                from deals.deals d join deals.markets m on m.id = d.market_id join deals.sources s on s.id = d.source_id
                where d.status = 'active' and (d.expires_at is null or d.expires_at > now())
                  and d.search_vector @@ websearch_to_tsquery('english', 'noise cancelling')
                order by rank desc, d.created_at desc, d.id desc limit 21
                """);
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

    private static void explain(PrintStream out, DSLContext owner, String sql) {
        owner.fetch("explain (analyze, buffers) " + sql).forEach(row -> out.println("    " + row.get(0)));
    }
}
