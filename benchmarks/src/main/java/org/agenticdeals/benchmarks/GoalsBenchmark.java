package org.agenticdeals.benchmarks;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.MatchRun;
import org.agenticdeals.jooq.enums.MarketStatus;
import org.agenticdeals.postgres.ProviderSettings;
import org.agenticdeals.testkit.DealsTestkit;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;

/**
 * Goal matching at the size: 10,000 active goals of 2,000 users over a catalog of 1,000,000 deals
 * ({@code Seed.large}), goals written the way shoppers write them for the seeded catalog (product words, brands,
 * categories, price caps, discounts, markets). Three 10,000-deal batches of re-listed products are ingested (timed
 * apart) and each is matched with {@code Goals.matchNewDeals}, end to end: goal_deals written, alerts and digests
 * routed, progress updated (target: under 5 s). Then {@code Goals.rematch} of 50 goals over the whole catalog. The
 * baseline is what a host would write by hand with JDBC: for each active goal, one {@code SELECT} over the batch
 * applying that goal's filters and an {@code INSERT ... ON CONFLICT} of its matches, one transaction per goal (no
 * cap, no alerts, no progress); it runs last, on a fresh batch of its own, over the first 1,000 goals, and is
 * extrapolated linearly to every goal (target: the library at least 20 times faster). The library runs with its
 * default configuration: a run the server cancels (statement timeout) is reported with its time and error.
 */
final class GoalsBenchmark {

    /** The goal count; {@code -Dgoals.count=N} runs fewer. */
    static final int GOALS = 10_000;
    private static final int GOALS_PER_USER = 5;
    private static final int BATCH = 10_000;
    private static final int BATCHES = 3;
    private static final int REMATCHES = 50;
    private static final int BASELINE_GOALS = 1_000;
    private static final long RANDOM_SEED = 7_000_007L;

    /** A leaf of the seeded category tree, with the words its deals' titles and descriptions hold. */
    private record Shelf(String path, int minPrice, int maxPrice, List<String> brands, List<String> productWords) {
    }

    /** What the seed's catalog sells (its titles are "brand model product, variant"), as shoppers would name it. */
    private static final List<Shelf> SHELVES = List.of(
            new Shelf("Electronics/Audio/Headphones", 49, 399, List.of("Sony", "Bose", "Sennheiser", "JBL", "Anker Soundcore", "Audio-Technica"),
                    List.of("headphones", "earbuds", "noise cancelling", "wireless earbuds", "studio headphones")),
            new Shelf("Electronics/Audio/Speakers", 29, 499, List.of("JBL", "Sonos", "Bose", "Ultimate Ears", "Marshall"),
                    List.of("bluetooth speaker", "smart speaker", "soundbar", "party speaker", "subwoofer")),
            new Shelf("Electronics/Computers/Laptops", 399, 2499, List.of("Apple", "Dell", "Lenovo", "HP", "ASUS", "Acer"),
                    List.of("laptop", "gaming laptop", "ultrabook", "touchscreen", "RTX 4060")),
            new Shelf("Electronics/Computers/Monitors", 119, 1299, List.of("LG", "Samsung", "Dell", "ASUS", "BenQ"),
                    List.of("monitor", "4K monitor", "ultrawide", "gaming monitor", "curved")),
            new Shelf("Electronics/Phones/Smartphones", 199, 1399, List.of("Samsung", "Google", "Apple", "OnePlus", "Motorola"),
                    List.of("smartphone", "5G smartphone", "foldable", "unlocked")),
            new Shelf("Electronics/Phones/Accessories", 9, 129, List.of("Anker", "Belkin", "Spigen", "OtterBox", "UGREEN"),
                    List.of("charger", "power bank", "screen protector", "MagSafe", "USB-C")),
            new Shelf("Home & Kitchen/Kitchen/Cookware", 25, 399, List.of("Le Creuset", "Lodge", "T-fal", "Calphalon", "All-Clad"),
                    List.of("skillet", "cast iron", "dutch oven", "cookware set", "saucepan")),
            new Shelf("Home & Kitchen/Kitchen/Small Appliances", 29, 599, List.of("Instant Pot", "Ninja", "KitchenAid", "Breville", "Cuisinart"),
                    List.of("air fryer", "pressure cooker", "stand mixer", "espresso", "blender")),
            new Shelf("Home & Kitchen/Furniture/Office Chairs", 99, 1299, List.of("Herman Miller", "Steelcase", "HON", "Branch", "Autonomous"),
                    List.of("office chair", "ergonomic", "mesh chair", "executive chair")),
            new Shelf("Home & Kitchen/Furniture/Desks", 149, 999, List.of("FlexiSpot", "Uplift", "IKEA", "Autonomous", "Fully"),
                    List.of("standing desk", "corner desk", "writing desk", "electric desk")),
            new Shelf("Sports & Outdoors/Fitness/Weights", 29, 699, List.of("Bowflex", "PowerBlock", "CAP Barbell", "Rogue", "REP Fitness"),
                    List.of("dumbbells", "kettlebell", "weight plate", "adjustable dumbbells")),
            new Shelf("Sports & Outdoors/Fitness/Yoga", 15, 149, List.of("Manduka", "Gaiam", "Lululemon", "Alo", "JadeYoga"),
                    List.of("yoga mat", "yoga block", "cork", "yoga strap")),
            new Shelf("Sports & Outdoors/Camping/Tents", 79, 699, List.of("REI Co-op", "Coleman", "Big Agnes", "MSR", "Nemo"),
                    List.of("tent", "backpacking tent", "family camping", "ultralight")),
            new Shelf("Sports & Outdoors/Camping/Backpacks", 49, 399, List.of("Osprey", "Deuter", "Gregory", "The North Face", "REI Co-op"),
                    List.of("backpack", "daypack", "hydration pack", "hiking backpack")),
            new Shelf("Toys & Games/Board Games/Strategy Games", 19, 89, List.of("Hasbro", "Asmodee", "Z-Man Games", "Stonemaier Games", "Days of Wonder"),
                    List.of("board game", "strategy game", "cooperative", "expansion")),
            new Shelf("Toys & Games/Building Sets/LEGO", 19, 849, List.of("LEGO"),
                    List.of("technic", "star wars", "treehouse", "police station")));

    /** A goal as stored, with what the baseline needs to query for it. */
    private record StoredGoal(UUID id, UUID userId, GoalParameters parameters) {
    }

    /** One matching run of the library: its figures, or why it failed. */
    private record BatchRun(double ingestSeconds, double matchSeconds, MatchRun run, String failure) {
    }

    private GoalsBenchmark() {
    }

    static void run(Report report, PrintStream out, int catalogSize, int goalCount) {
        try (DealsTestkit testkit = DealsTestkit.start(ProviderSettings.fromEnvironment(), 0)) {
            out.println("server: " + testkit.server().describe());
            long started = System.nanoTime();
            testkit.prepare(Seed.large(catalogSize));
            out.printf(Locale.ROOT, "  Seed.large(%d) template in %.1f s%n", catalogSize, seconds(started));
            try (TestDatabase database = testkit.database(Seed.large(catalogSize))) {
                DSLContext owner = database.ownerDsl();
                owner.execute("vacuum analyze deals.deals");
                // A matching job is a batch job: it gets the statement time a cold start needs (the default 30 s is for
                // requests).
                Deals deals = database.deals(builder -> builder.statementTimeout(java.time.Duration.ofMinutes(5)));
                // The same runs on one connection, in one transaction (matchingParallelism 1), alternating with them.
                Deals oneConnection = database.deals(builder -> builder.statementTimeout(java.time.Duration.ofMinutes(5)).matchingParallelism(1));
                SeedData seed = database.seedData();
                List<StoredGoal> goals = createGoals(out, database, seed, goalCount);
                List<org.jooq.Record> listed = listedProducts(owner);
                UUID source = seed.source("Slickdeals Scraper").id();

                // The first batch meets goals without matches: every goal fills up to its cap. The measured ones meet
                // goals that hold their best matches already, as they do once a site runs.
                BatchRun coldStart = ingestAndMatch(out, deals, source, listed, 0);
                List<BatchRun> runs = new ArrayList<>();
                List<BatchRun> oneConnectionRuns = new ArrayList<>();
                for (int batch = 1; batch <= BATCHES; batch++) {
                    runs.add(ingestAndMatch(out, deals, source, listed, batch));
                    oneConnectionRuns.add(ingestAndMatch(out, oneConnection, source, listed, BATCHES + batch));
                }
                Report.Row rematches = rematch(out, deals, goals);

                IngestionResult baselineBatch = deals.catalog().ingest(source, batch(listed, "baseline", new SplittableRandom(RANDOM_SEED + 99)));
                int sampleSize = Math.min(BASELINE_GOALS, goals.size());
                Report.Row baseline = baseline(database.ownerDataSource(), seed, goals.subList(0, sampleSize), baselineBatch.dealIds(), goalCount);
                double extrapolated = baseline.seconds() * goalCount / sampleSize;
                out.printf(Locale.ROOT, "  baseline: %,d goals x %,d deals measured in %.1f s, extrapolated linearly to %,d goals: %.1f s%n",
                        sampleSize, baselineBatch.dealIds().size(), baseline.seconds(), goalCount, extrapolated);
                report.add(ingestRow(runs));
                report.add(coldStartRow(coldStart, goalCount));
                report.add(libraryRow(out, runs, goalCount, extrapolated));
                report.add(oneConnectionRow(oneConnectionRuns, goalCount));
                report.add(rematches);
                report.add(baseline);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the goals

    /** Users set-wise as the owner (with the settings registration creates), then their goals in one JDBC batch. */
    private static List<StoredGoal> createGoals(PrintStream out, TestDatabase database, SeedData seed, int goalCount) {
        long started = System.nanoTime();
        List<UUID> users = createUsers(database.ownerDsl(), Math.max(1, goalCount / GOALS_PER_USER));
        var random = new SplittableRandom(RANDOM_SEED);
        var goals = new ArrayList<StoredGoal>(goalCount);
        for (int index = 0; index < goalCount; index++) {
            UUID user = users.get(random.nextInt(users.size()));
            goals.add(new StoredGoal(UUID.nameUUIDFromBytes(("benchmark-goal-" + index).getBytes(StandardCharsets.UTF_8)), user,
                    goalParameters(seed, random)));
        }
        insertGoals(database.ownerDataSource(), goals, random);
        database.ownerDsl().execute("vacuum analyze deals.users, deals.user_preferences, deals.notification_settings, deals.user_goals");
        out.printf(Locale.ROOT, "  %,d users and %,d active goals created in %.1f s%n", users.size(), goalCount, seconds(started));
        return goals;
    }

    private static List<UUID> createUsers(DSLContext owner, int count) {
        owner.execute("""
                insert into deals.users (id, email, hashed_password, name, is_verified)
                select md5('goal-owner-' || g)::uuid, 'goal-owner-' || g || '@example.com', 'x', 'Goal Owner ' || g, true
                from generate_series(1, ?) g""", count);
        owner.execute("""
                insert into deals.user_preferences (user_id)
                select id from deals.users where email like 'goal-owner-%'""");
        // A quarter of the users keep quiet hours, in four time zones: alerts are routed through them.
        owner.execute("""
                insert into deals.notification_settings (user_id, quiet_hours_start, quiet_hours_end, time_zone)
                select id, case when n % 4 = 0 then time '22:00' end, case when n % 4 = 0 then time '07:00' end,
                       (array['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo'])[1 + n % 16 / 4]
                from (select id, row_number() over (order by email) as n from deals.users where email like 'goal-owner-%') u""");
        return owner.fetchValues("select id from deals.users where email like 'goal-owner-%' order by email").stream()
                .map(value -> (UUID) value).toList();
    }

    /**
     * One goal, in the mix: 60% one or two keywords (a product word, maybe a brand), often with a category, a
     * price cap or a discount; 20% any of two or three brands; 15% a category with a price cap and a discount; 5% a
     * market with a discount.
     */
    private static GoalParameters goalParameters(SeedData seed, SplittableRandom random) {
        Shelf shelf = SHELVES.get(random.nextInt(SHELVES.size()));
        int kind = random.nextInt(100);
        GoalParameters parameters;
        if (kind < 60) {
            parameters = keywordGoal(seed, shelf, random);
        } else if (kind < 80) {
            parameters = brandGoal(seed, shelf, random);
        } else if (kind < 95) {
            parameters = GoalParameters.none().withCategories(category(seed, shelf, random))
                    .withMaxPrice(priceCap(shelf, random)).withMinDiscount(discount(30, 60, random));
        } else {
            List<SeedData.Market> markets = seed.markets().stream().filter(market -> market.status() == MarketStatus.ACTIVE).toList();
            parameters = GoalParameters.none().withMarkets(markets.get(random.nextInt(markets.size())).id()).withMinDiscount(discount(50, 65, random));
        }
        return parameters.withAlertThreshold(BigDecimal.valueOf(60 + random.nextInt(31))).withMaxMatches(20 + 10 * random.nextInt(9));
    }

    private static GoalParameters keywordGoal(SeedData seed, Shelf shelf, SplittableRandom random) {
        String product = pick(shelf.productWords(), random);
        GoalParameters parameters = random.nextBoolean() ? GoalParameters.none().withKeywords(product)
                : GoalParameters.none().withKeywords(product, pick(shelf.brands(), random));
        if (random.nextInt(100) < 60) {
            parameters = parameters.withCategories(category(seed, shelf, random));
        }
        if (random.nextInt(100) < 50) {
            parameters = parameters.withMaxPrice(priceCap(shelf, random));
        }
        if (random.nextInt(100) < 40) {
            parameters = parameters.withMinDiscount(discount(20, 50, random));
        }
        return parameters;
    }

    private static GoalParameters brandGoal(SeedData seed, Shelf shelf, SplittableRandom random) {
        var brands = new ArrayList<String>(shelf.brands());
        var chosen = new ArrayList<String>();
        for (int count = 2 + random.nextInt(2); count > 0 && !brands.isEmpty(); count--) {
            chosen.add(brands.remove(random.nextInt(brands.size())));
        }
        GoalParameters parameters = GoalParameters.none().withAnyKeywords(chosen.toArray(String[]::new));
        if (random.nextBoolean()) {
            parameters = parameters.withCategories(seed.category(shelf.path()).id());
        }
        if (random.nextBoolean()) {
            parameters = parameters.withMaxPrice(priceCap(shelf, random));
        }
        if (random.nextInt(100) < 30) {
            parameters = parameters.withMinDiscount(discount(20, 50, random));
        }
        return parameters;
    }

    /** The shelf's own category mostly, sometimes its parent, rarely its top-level department. */
    private static UUID category(SeedData seed, Shelf shelf, SplittableRandom random) {
        String[] levels = shelf.path().split("/");
        int roll = random.nextInt(100);
        int depth = roll < 70 ? levels.length : roll < 95 ? levels.length - 1 : 1;
        return seed.category(String.join("/", List.of(levels).subList(0, depth))).id();
    }

    /** A whole-dollar cap between 30% and 90% of the way up the shelf's price range. */
    private static BigDecimal priceCap(Shelf shelf, SplittableRandom random) {
        int range = shelf.maxPrice() - shelf.minPrice();
        return BigDecimal.valueOf(shelf.minPrice() + range * (30 + random.nextInt(61)) / 100);
    }

    private static BigDecimal discount(int lowest, int highest, SplittableRandom random) {
        return BigDecimal.valueOf(lowest + 5L * random.nextInt((highest - lowest) / 5 + 1));
    }

    private static void insertGoals(DataSource owner, List<StoredGoal> goals, SplittableRandom random) {
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into deals.user_goals (id, user_id, title, parameters, priority, created_at, updated_at)
                    values (?, ?, ?, ?::jsonb, ?, now(), now())""")) {
                for (StoredGoal goal : goals) {
                    insert.setObject(1, goal.id());
                    insert.setObject(2, goal.userId());
                    insert.setString(3, title(goal.parameters()));
                    insert.setString(4, goal.parameters().toJson());
                    insert.setInt(5, 1 + random.nextInt(10));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException failed) {
                connection.rollback();
                throw failed;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static String title(GoalParameters parameters) {
        var words = new ArrayList<String>(parameters.keywords());
        if (!parameters.anyKeywords().isEmpty()) {
            words.add(String.join(" or ", parameters.anyKeywords()));
        }
        String title = words.isEmpty() ? "Deals" : String.join(" ", words);
        if (parameters.maxPrice() != null) {
            title += " under $" + parameters.maxPrice().toPlainString();
        }
        if (parameters.minDiscount() != null) {
            title += ", " + parameters.minDiscount().toPlainString() + "% off or more";
        }
        return title;
    }

    // ------------------------------------------------------------------------------------------- the library

    /** Products like the catalog's, to re-list under new links. */
    private static List<org.jooq.Record> listedProducts(DSLContext owner) {
        return owner.fetch("""
                select title, description, original_price, market_id, category_id from deals.deals
                where status = 'active' and category_id is not null order by id limit 20000""");
    }

    /** Ingests a batch (timed apart), then matches it; a run the server cancels is reported, not thrown. */
    private static BatchRun ingestAndMatch(PrintStream out, Deals deals, UUID source, List<org.jooq.Record> listed, int batch) {
        List<DealInput> items = batch(listed, "goals/" + batch, new SplittableRandom(RANDOM_SEED + batch));
        long ingestStarted = System.nanoTime();
        IngestionResult ingested = deals.catalog().ingest(source, items);
        double ingestSeconds = seconds(ingestStarted);
        out.printf(Locale.ROOT, "  batch %d: ingested %,d deals (%,d new) in %.2f s%n", batch + 1, ingested.dealIds().size(), ingested.inserted(),
                ingestSeconds);
        long matchStarted = System.nanoTime();
        try {
            MatchRun run = deals.goals().matchNewDeals(ingested.dealIds());
            double matchSeconds = seconds(matchStarted);
            out.printf(Locale.ROOT, "  batch %d: matchNewDeals %.2f s: %,d goals matched, %,d matches added, %,d updated, %,d retired, %,d alerts,"
                            + " %,d digested%n", batch + 1, matchSeconds, run.goalsMatched(), run.matchesAdded(), run.matchesUpdated(),
                    run.matchesRetired(), run.alertsCreated(), run.matchesDigested());
            return new BatchRun(ingestSeconds, matchSeconds, run, null);
        } catch (DealsDataAccessException failed) {
            double matchSeconds = seconds(matchStarted);
            out.printf(Locale.ROOT, "  batch %d: matchNewDeals FAILED after %.2f s: %s%n", batch + 1, matchSeconds, failed.getMessage());
            return new BatchRun(ingestSeconds, matchSeconds, null, failed.getMessage());
        }
    }

    private static Report.Row ingestRow(List<BatchRun> runs) {
        var latencies = new Latencies();
        runs.forEach(run -> latencies.record((long) (run.ingestSeconds() * 1e9)));
        return new Report.Row("ingest 10,000-deal batch (before matching)", 1, runs.size(), runs.stream().mapToDouble(BatchRun::ingestSeconds).sum(),
                latencies, "not part of the matching time");
    }

    private static Report.Row coldStartRow(BatchRun run, int goalCount) {
        var latencies = new Latencies();
        latencies.record((long) (run.matchSeconds() * 1e9));
        String note = run.failure() != null ? "FAILED: " + run.failure()
                : String.format(Locale.ROOT, "goals without matches yet: %,d added, %,d alerts, %,d digested", run.run().matchesAdded(),
                        run.run().alertsCreated(), run.run().matchesDigested());
        return new Report.Row(String.format(Locale.ROOT, "matchNewDeals cold start, %,d new deals x %,d goals", BATCH, goalCount), 1, 1,
                run.matchSeconds(), latencies, note);
    }

    /** The library's row, with the speed-up over the extrapolated baseline (a bound only, when runs failed). */
    private static Report.Row libraryRow(PrintStream out, List<BatchRun> runs, int goalCount, double baselineSeconds) {
        var latencies = new Latencies();
        runs.forEach(run -> latencies.record((long) (run.matchSeconds() * 1e9)));
        double total = runs.stream().mapToDouble(BatchRun::matchSeconds).sum();
        double median = latencies.percentileMillis(50) / 1000;
        String scenario = String.format(Locale.ROOT, "matchNewDeals, %,d new deals x %,d goals", BATCH, goalCount);
        long failures = runs.stream().filter(run -> run.failure() != null).count();
        if (failures > 0) {
            String failure = runs.stream().map(BatchRun::failure).filter(Objects::nonNull).findFirst().orElseThrow();
            out.printf(Locale.ROOT, "  matchNewDeals: %d of %d runs failed (%s); speed-up over the baseline (extrapolated %.1f s) at most %.1fx;"
                    + " targets < 5 s, >= 20x%n", failures, runs.size(), failure, baselineSeconds, baselineSeconds / median);
            return new Report.Row(scenario, 1, runs.size(), total, latencies, String.format(Locale.ROOT, "%d of %d runs FAILED: %s", failures,
                    runs.size(), failure));
        }
        MatchRun typical = runs.stream().sorted(Comparator.comparingDouble(BatchRun::matchSeconds)).toList().get(runs.size() / 2).run();
        out.printf(Locale.ROOT, "  matchNewDeals median %.2f s; speed-up over the baseline (extrapolated %.1f s) %.1fx; targets < 5 s, >= 20x%n",
                median, baselineSeconds, baselineSeconds / median);
        return new Report.Row(scenario, 1, runs.size(), total, latencies, String.format(Locale.ROOT,
                "median run: %,d added, %,d alerts, %,d digested; %.1fx the baseline; targets < 5 s, >= 20x", typical.matchesAdded(),
                typical.alertsCreated(), typical.matchesDigested(), baselineSeconds / median));
    }

    /** The runs on one connection (alternating with the library's default runs): what the goal shards gain. */
    private static Report.Row oneConnectionRow(List<BatchRun> runs, int goalCount) {
        var latencies = new Latencies();
        runs.forEach(run -> latencies.record((long) (run.matchSeconds() * 1e9)));
        long failures = runs.stream().filter(run -> run.failure() != null).count();
        return new Report.Row(String.format(Locale.ROOT, "matchNewDeals, matchingParallelism(1), %,d new deals x %,d goals", BATCH, goalCount), 1,
                runs.size(), runs.stream().mapToDouble(BatchRun::matchSeconds).sum(), latencies,
                failures == 0 ? "one connection, one transaction; batches alternate with the row above" : failures + " runs FAILED");
    }

    /** One goal against the whole catalog, for goals spread over the mix, after the batches. */
    private static Report.Row rematch(PrintStream out, Deals deals, List<StoredGoal> goals) {
        int count = Math.min(REMATCHES, goals.size());
        var latencies = new Latencies();
        long started = System.nanoTime();
        int added = 0;
        int failures = 0;
        for (int index = 0; index < count; index++) {
            StoredGoal goal = goals.get(index * goals.size() / count);
            long before = System.nanoTime();
            try {
                added += deals.goals().rematch(goal.userId(), goal.id()).matchesAdded();
            } catch (DealsDataAccessException failed) {
                failures++;
                out.printf(Locale.ROOT, "  rematch of goal %s FAILED after %.2f s: %s%n", goal.id(), seconds(before), failed.getMessage());
            }
            latencies.record(System.nanoTime() - before);
        }
        return new Report.Row("rematch: one goal over the whole catalog", 1, count, seconds(started), latencies,
                String.format(Locale.ROOT, "%,d matches added in all%s", added, failures == 0 ? "" : "; " + failures + " FAILED"));
    }

    // ------------------------------------------------------------------------------------------ the baseline

    /**
     * The hand-written loop: per goal, in its own transaction as the owner, a {@code SELECT} of the batch's deals that
     * meet the goal (scored with {@code goal_deal_relevance}) and an {@code INSERT ... ON CONFLICT} of them.
     */
    private static Report.Row baseline(DataSource owner, SeedData seed, List<StoredGoal> goals, List<UUID> dealIds, int goalCount) {
        Map<UUID, UUID[]> subtrees = subtrees(seed);
        UUID[] batch = dealIds.toArray(UUID[]::new);
        var latencies = new Latencies();
        long matches = 0;
        long started = System.nanoTime();
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(false);
            for (StoredGoal goal : goals) {
                long before = System.nanoTime();
                try {
                    matches += baselineGoal(connection, goal, batch, subtrees);
                    connection.commit();
                } catch (SQLException failed) {
                    connection.rollback();
                    throw failed;
                }
                latencies.record(System.nanoTime() - before);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
        double measured = seconds(started);
        return new Report.Row(String.format(Locale.ROOT, "baseline per-goal JDBC, %,d goals x %,d deals", goals.size(), batch.length), 1, goals.size(),
                measured, latencies, String.format(Locale.ROOT, "%,d matches; extrapolated to %,d goals: %.1f s", matches, goalCount,
                measured * goalCount / goals.size()));
    }

    private static int baselineGoal(Connection connection, StoredGoal goal, UUID[] batch, Map<UUID, UUID[]> subtrees) throws SQLException {
        var dealIds = new ArrayList<UUID>();
        var scores = new ArrayList<BigDecimal>();
        var query = matchQuery(goal.parameters(), batch, subtrees);
        try (PreparedStatement select = prepare(connection, query.sql(), query.parameters()); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                dealIds.add(rows.getObject(1, UUID.class));
                scores.add(rows.getBigDecimal(2));
            }
        }
        if (dealIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = prepare(connection, """
                insert into deals.goal_deals (goal_id, deal_id, relevance_score, matched_at, status)
                select ?, deal_id, score, now(), 'active' from unnest(?::uuid[], ?::numeric[]) as m (deal_id, score)
                on conflict (goal_id, deal_id) do update set relevance_score = excluded.relevance_score, status = 'active'""",
                List.of(goal.id(), dealIds.toArray(UUID[]::new), scores.toArray(BigDecimal[]::new)))) {
            insert.executeUpdate();
        }
        return dealIds.size();
    }

    /** A statement and its parameters, in order. */
    private record Query(String sql, List<Object> parameters) {
    }

    /** The goal's filters as a host would write them, each criterion a condition with its own parameters. */
    private static Query matchQuery(GoalParameters goal, UUID[] batch, Map<UUID, UUID[]> subtrees) {
        var keywords = new ArrayList<String>(goal.keywords());
        keywords.addAll(goal.anyKeywords());
        var parameters = new ArrayList<Object>();
        var sql = new StringBuilder("select d.id, deals.goal_deal_relevance(d.current_price, ?::numeric, d.discount_percentage, ?, ");
        parameters.add(goal.maxPrice());
        parameters.add(keywords.size());
        sql.append(hits(keywords, parameters, "ts_filter(d.search_vector, '{a}') @@ plainto_tsquery('english', ?)")).append(", ");
        sql.append(hits(keywords, parameters, "d.search_vector @@ plainto_tsquery('english', ?) and not ts_filter(d.search_vector, '{a}')"
                + " @@ plainto_tsquery('english', ?)"));
        sql.append(", coalesce(s.reliability_score, 0))\n")
                .append("from deals.deals d join deals.sources s on s.id = d.source_id\n")
                .append("where d.id = any(?) and d.status = 'active' and (d.expires_at is null or d.expires_at > now())");
        parameters.add(batch);
        for (String keyword : goal.keywords()) {
            sql.append("\n  and d.search_vector @@ plainto_tsquery('english', ?)");
            parameters.add(keyword);
        }
        if (!goal.anyKeywords().isEmpty()) {
            sql.append("\n  and (").append(String.join(" or ", goal.anyKeywords().stream()
                    .map(keyword -> "d.search_vector @@ plainto_tsquery('english', ?)").toList())).append(')');
            parameters.addAll(goal.anyKeywords());
        }
        if (!goal.categories().isEmpty()) {
            sql.append("\n  and d.category_id = any(?)");
            parameters.add(goal.categories().stream().flatMap(category -> List.of(subtrees.get(category)).stream()).toArray(UUID[]::new));
        }
        if (!goal.markets().isEmpty()) {
            sql.append("\n  and d.market_id = any(?)");
            parameters.add(goal.markets().toArray(UUID[]::new));
        }
        condition(sql, parameters, "d.current_price <= ?", goal.maxPrice());
        condition(sql, parameters, "d.discount_percentage >= ?", goal.minDiscount());
        condition(sql, parameters, "s.reliability_score >= ?", goal.minSourceReliability());
        return new Query(sql.toString(), parameters);
    }

    /** The number of keywords for which {@code test} (one or two {@code ?}, each the keyword) holds, as SQL. */
    private static String hits(List<String> keywords, List<Object> parameters, String test) {
        if (keywords.isEmpty()) {
            return "0";
        }
        var terms = new ArrayList<String>();
        for (String keyword : keywords) {
            terms.add("(case when " + test + " then 1 else 0 end)");
            for (int mark = test.indexOf('?'); mark >= 0; mark = test.indexOf('?', mark + 1)) {
                parameters.add(keyword);
            }
        }
        return String.join(" + ", terms);
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String test, BigDecimal value) {
        if (value != null) {
            sql.append("\n  and ").append(test);
            parameters.add(value);
        }
    }

    /** Every category's id with the ids below it, computed once as a host would cache its category tree. */
    private static Map<UUID, UUID[]> subtrees(SeedData seed) {
        var subtrees = new HashMap<UUID, UUID[]>();
        for (SeedData.Category root : seed.categories()) {
            subtrees.put(root.id(), seed.categories().stream()
                    .filter(category -> category.path().equals(root.path()) || category.path().startsWith(root.path() + "/"))
                    .map(SeedData.Category::id).toArray(UUID[]::new));
        }
        return subtrees;
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int index = 0; index < parameters.size(); index++) {
                Object parameter = parameters.get(index);
                if (parameter instanceof UUID[] ids) {
                    statement.setArray(index + 1, connection.createArrayOf("uuid", ids));
                } else if (parameter instanceof BigDecimal[] numbers) {
                    statement.setArray(index + 1, connection.createArrayOf("numeric", numbers));
                } else {
                    statement.setObject(index + 1, parameter);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException failed) {
            statement.close();
            throw failed;
        }
    }

    // ------------------------------------------------------------------------------------------- plumbing

    /** Products of the catalog re-listed under new links (so every one is an insert), 50% to 94% of their list price. */
    private static List<DealInput> batch(List<org.jooq.Record> listed, String prefix, SplittableRandom random) {
        var items = new ArrayList<DealInput>(BATCH);
        for (int item = 0; item < BATCH; item++) {
            org.jooq.Record product = listed.get(random.nextInt(listed.size()));
            BigDecimal original = product.get(2, BigDecimal.class);
            BigDecimal current = original.multiply(BigDecimal.valueOf(50 + random.nextInt(45))).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            items.add(new DealInput(product.get(0, String.class), product.get(1, String.class), "https://feed.example.com/" + prefix + "/" + item,
                    null, original, current, product.get(3, UUID.class), product.get(4, UUID.class), null));
        }
        return items;
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
