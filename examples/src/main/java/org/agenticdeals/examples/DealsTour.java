package org.agenticdeals.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsConfig;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ShareLinkUnavailableException;
import org.agenticdeals.analysis.AiModel;
import org.agenticdeals.analysis.AnalysisRequest;
import org.agenticdeals.analysis.AnalysisStatus;
import org.agenticdeals.analysis.AnalysisSubject;
import org.agenticdeals.analysis.AnalysisWorker;
import org.agenticdeals.analysis.NewAiModel;
import org.agenticdeals.analysis.NewPromptTemplate;
import org.agenticdeals.analysis.RuleBasedAnalysisProvider;
import org.agenticdeals.catalog.DealCatalog;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.catalog.DealView;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.catalog.SavedDeal;
import org.agenticdeals.catalog.Source;
import org.agenticdeals.goals.Goal;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.MatchRun;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.interactions.TrendingDeal;
import org.agenticdeals.notifications.Delivery;
import org.agenticdeals.notifications.Notification;
import org.agenticdeals.notifications.PriceDropRun;
import org.agenticdeals.postgres.ConnectionInfo;
import org.agenticdeals.postgres.PostgresDatabase;
import org.agenticdeals.postgres.PostgresProvider;
import org.agenticdeals.postgres.PostgresServer;
import org.agenticdeals.schema.DealsSchema;
import org.agenticdeals.schema.MigrationResult;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.sharing.Share;
import org.agenticdeals.sharing.ShareChannel;
import org.agenticdeals.users.RegisteredUser;
import org.agenticdeals.users.Registration;

/**
 * The README's first command, a host embedding the library from scratch: gets PostgreSQL from the provider chain
 * ({@code DEALS_PG_URL}, else Docker, else embedded PostgreSQL 17), migrates the schema into a database of its
 * own, then runs the services as the non-superuser application role: an operator account, a catalog, a batch of
 * deals from a feed (one of them refused), a price drop, a search and a saved deal, a goal with its matches, a new
 * batch matched against every goal, the notifications it causes and a sender claiming them. Exits with status 0
 * only if every step did what it claims.
 */
public final class DealsTour {

    private DealsTour() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    static int run(PrintStream out) {
        out.println("agentic-deals tour");
        long started = System.nanoTime();
        out.print("  starting PostgreSQL ... ");
        try (PostgresServer server = PostgresProvider.start();
             PostgresDatabase database = server.createDatabase("deals_tour")) {
            out.printf("%s (%d ms)%n", server.describe(), millisSince(started));

            long migrating = System.nanoTime();
            out.print("  migrating ... ");
            DealsSchema schema = DealsSchema.builder(database.ownerDataSource())
                    .applicationRole(database.applicationRole())
                    .build();
            MigrationResult result = schema.migrate();
            out.printf("schema %s at version %s, %d migrations applied (%d ms)%n",
                    result.schema(), result.schemaVersion(), result.appliedVersions().size(), millisSince(migrating));

            int tables = tableCount(database.ownerDataSource(), result.schema());
            out.printf("  %d tables in schema %s (beside Flyway's history), migrated by Flyway %s%n", tables, result.schema(), flywayVersion());
            boolean ok = result.schemaVersion().equals(schema.latestVersion()) && tables >= 20;

            try (HikariDataSource pool = applicationPool(database.application())) {
                ok &= services(out, Deals.create(DealsConfig.builder().dataSource(pool).build()), database.ownerDataSource());
            }
            out.println(ok ? "done: every step did what it claims" : "FAILED: a step did not do what it claims");
            return ok ? 0 : 1;
        } catch (RuntimeException | SQLException failed) {
            out.println();
            out.println("FAILED: " + failed.getMessage());
            return 1;
        }
    }

    /** The services as a host calls them. */
    private static boolean services(PrintStream out, Deals deals, DataSource owner) throws SQLException {
        RegisteredUser operator = deals.users().register(new Registration("ops@example.com", "correct horse battery staple", "Ops"));
        deals.users().verifyEmail(operator.verificationToken());
        // The first admin cannot be made by an admin: an operator promotes one account as the schema's owner.
        execute(owner, "UPDATE deals.users SET role = 'admin' WHERE email = 'ops@example.com'");
        UUID admin = operator.user().id();
        out.println("  registered ops@example.com and promoted it to admin (as the schema owner)");

        DealCatalog catalog = deals.catalog();
        UUID market = catalog.createMarket(admin, "Example Shop", "https://shop.example.com", null).id();
        UUID feed = catalog.createSource(admin, "Example feed", Source.Type.API, "{\"interval_minutes\": 15}", new BigDecimal("0.9")).id();
        UUID electronics = catalog.createCategory(admin, "Electronics", null).id();
        UUID headphones = catalog.createCategory(admin, "Headphones", catalog.createCategory(admin, "Audio", electronics).id()).id();

        List<DealInput> batch = List.of(
                deal("Wireless Noise Cancelling Headphones", "https://shop.example.com/nc700", "349.00", "279.00", market, headphones),
                deal("Noise Cancelling Earbuds", "https://shop.example.com/buds", "199.00", "149.00", market, headphones),
                deal("Studio Monitor Headphones", "https://shop.example.com/studio", "129.00", "99.00", market, headphones),
                deal("Price went up", "https://shop.example.com/up", "10.00", "12.00", market, null));
        IngestionResult first = catalog.ingest(feed, batch);
        out.printf("  ingested a feed batch: %d inserted, %d refused (%s)%n", first.inserted(), first.refused().size(),
                first.refused().isEmpty() ? "none" : first.refused().get(0));

        IngestionResult second = catalog.ingest(feed, List.of(
                deal("Wireless Noise Cancelling Headphones", "https://shop.example.com/nc700", "349.00", "229.00", market, headphones)));
        IngestionResult.PriceDrop drop = second.priceDrops().isEmpty() ? null : second.priceDrops().get(0);
        out.printf("  the feed again: %d updated, price drop %s -> %s%n", second.updated(), drop == null ? "?" : drop.oldPrice(),
                drop == null ? "?" : drop.newPrice());

        Page<DealView> found = catalog.search(DealQuery.all().withText("noise cancelling").withCategory(electronics)
                .withMinDiscount(new BigDecimal("20")), PageRequest.first(10));
        found.items().forEach(deal -> out.printf("  search 'noise cancelling' in Electronics, 20%%+ off: %s, %s (%s%% off), %s%n",
                deal.title(), deal.currentPrice(), deal.discountPercentage(), String.join(" > ", deal.categoryPath())));

        RegisteredUser alice = deals.users().register(new Registration("alice@example.com", "a long passphrase", "Alice"));
        UUID saved = found.items().isEmpty() ? null : found.items().get(0).id();
        if (saved != null) {
            deals.savedDeals().save(alice.user().id(), saved, "for the flight in March");
        }
        Page<SavedDeal> savedDeals = deals.savedDeals().list(alice.user().id(), PageRequest.first(10));
        savedDeals.items().forEach(deal -> out.printf("  alice saved %s with the note '%s'%n", deal.title(), deal.notes()));

        boolean catalogOk = first.inserted() == 3 && first.refused().size() == 1 && drop != null
                && drop.newPrice().compareTo(new BigDecimal("229.00")) == 0 && found.items().size() == 2 && savedDeals.items().size() == 1
                && catalog.priceHistory(drop.dealId()).size() == 2;
        return catalogOk && goals(out, deals, alice.user().id(), feed, market, headphones, electronics)
                && sharing(out, deals, alice.user().id(), saved) && analysis(out, deals, admin, alice.user().id(), saved);
    }

    /** An admin registers a model and a prompt; alice pays for an analysis of her deal; a worker runs it with the rules. */
    private static boolean analysis(PrintStream out, Deals deals, UUID admin, UUID alice, UUID dealId) {
        AiModel model = deals.analysis().registerModel(admin, new NewAiModel("deal-rules", "local", "1.0", new BigDecimal("2.5"), 2_000,
                Set.of("deal_analysis")));
        deals.analysis().publishTemplate(admin, NewPromptTemplate.of("deal_analysis", "1", "deal_analysis",
                "Is {{deal_title}} at {{current_price}} (was {{original_price}}, lowest {{lowest_price}}) from {{source}}"
                        + " (reliability {{reliability}}) worth buying? Prices: {{price_history}}."));
        int before = deals.ledger().grantSignupBonus(alice).balanceAfter();
        AnalysisRequest request = deals.analysis().request(alice, AnalysisSubject.deal(dealId), "deal_analysis", "tour-analysis-1");
        out.printf("  alice asked for an analysis with model %s: %d tokens charged up front (%s per 1,000 of a %,d-token budget)%n",
                request.model(), request.tokensCharged(), model.tokenCostPer1k().stripTrailingZeros().toPlainString(), model.maxTokens());
        int ran;
        try (AnalysisWorker worker = AnalysisWorker.builder(deals.analysis(), new RuleBasedAnalysisProvider(deals.catalog()))
                .workerId("tour-worker").build()) {
            ran = worker.drain();
        }
        AnalysisRequest done = deals.analysis().find(alice, request.id()).orElseThrow();
        int after = deals.ledger().balance(alice).balance();
        out.printf("  a worker ran it with the rule-based provider: %s, %d model tokens, %d tokens refunded; alice paid %d%n", done.status(),
                done.tokensUsed(), done.tokensRefunded(), before - after);
        out.printf("    result: %s%n", done.result());
        return ran == 1 && done.status() == AnalysisStatus.COMPLETED && before - after == done.tokensSpent() && done.tokensRefunded() > 0
                && deals.analysis().dealAnalysis(dealId).isPresent();
    }

    /** Alice shares the deal she saved; three visitors follow the link; it shows in trending. */
    private static boolean sharing(PrintStream out, Deals deals, UUID alice, UUID dealId) {
        Share share = deals.sharing().share(alice, NewShare.byEmail(dealId, List.of("bob@example.com", "Bob@Example.com"))
                .withMessage("Thought of you"));
        out.printf("  alice shared it by e-mail with %s: link /s/%s%n", ((ShareChannel.Email) share.channel()).recipients(),
                share.publicLinkId());
        for (int visitor = 0; visitor < 3; visitor++) {
            deals.sharing().resolve(share.publicLinkId());
        }
        int clicks = deals.sharing().find(alice, share.id()).orElseThrow().clickCount();
        boolean refused = false;
        try {
            deals.sharing().resolve(share.publicLinkId().substring(1) + "x");
        } catch (ShareLinkUnavailableException unavailable) {
            refused = true;
        }
        List<TrendingDeal> trending = deals.interactions().trending(3);
        out.printf("  three visitors followed the link: %d clicks counted; a mistyped link was refused: %s%n", clicks, refused);
        trending.forEach(deal -> out.printf("    trending: %s, score %.2f from %d interactions%n", deal.title(), deal.score(), deal.interactions()));
        return clicks == 3 && refused && !trending.isEmpty() && trending.get(0).dealId().equals(dealId);
    }

    /** A goal, its matches, a new batch matched against every goal, a price drop, the inbox and a sender's claim. */
    private static boolean goals(PrintStream out, Deals deals, UUID alice, UUID feed, UUID market, UUID headphones, UUID electronics) {
        Goal goal = deals.goals().create(alice, NewGoal.of("Noise cancelling under $300", GoalParameters.none()
                .withKeywords("noise cancelling").withCategories(electronics).withMaxPrice(new BigDecimal("300"))
                .withAlertThreshold(new BigDecimal("50"))));
        MatchRun rematch = deals.goals().rematch(alice, goal.id());
        out.printf("  alice's goal '%s' matched %d deals in the catalog%n", goal.title(), rematch.matchesAdded());

        IngestionResult third = deals.catalog().ingest(feed, List.of(
                deal("Noise Cancelling Over-Ear Headphones", "https://shop.example.com/over-ear", "299.00", "199.00", market, headphones),
                deal("Noise Cancelling Earbuds", "https://shop.example.com/buds", "199.00", "129.00", market, headphones)));
        MatchRun run = deals.goals().matchNewDeals(third.dealIds());
        PriceDropRun drops = deals.notifications().notifyPriceDrops(third.priceDrops());
        out.printf("  a new batch against every active goal: %d new match, %d alert; %d price-drop notification%n", run.matchesAdded(),
                run.alertsCreated(), drops.notificationsCreated());
        deals.goals().matches(alice, goal.id(), PageRequest.first(10)).items().forEach(match ->
                out.printf("    match %s at %s, relevance %s%n", match.title(), match.currentPrice(), match.relevance()));

        List<Notification> inbox = deals.notifications().list(alice, PageRequest.first(10)).items();
        inbox.forEach(notification -> out.printf("  alice's inbox: [%s] %s%n", notification.type(), notification.title()));
        List<Delivery> claimed = deals.notifications().pendingDeliveries(Instant.now(), 10);
        claimed.forEach(delivery -> deals.notifications().markDelivered(delivery.notificationId()));
        out.printf("  a sender claimed %d notifications for e-mail and push and marked them delivered%n", claimed.size());
        return rematch.matchesAdded() == 2 && run.matchesAdded() == 1 && drops.notificationsCreated() == 1 && inbox.size() == 4
                && claimed.size() == 4 && deals.notifications().pendingDeliveries(Instant.now(), 10).isEmpty();
    }

    private static DealInput deal(String title, String url, String original, String current, UUID market, UUID category) {
        return new DealInput(title, "Free shipping.", url, null, new BigDecimal(original), new BigDecimal(current), market, category, null);
    }

    private static HikariDataSource applicationPool(ConnectionInfo application) {
        var config = new HikariConfig();
        config.setPoolName("deals-tour");
        config.setJdbcUrl(application.jdbcUrl());
        config.setUsername(application.user());
        config.setPassword(application.password());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Tables and partitioned tables, not counting partitions or Flyway's history table. */
    private static int tableCount(DataSource dataSource, String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_class WHERE relnamespace = '" + schema
                     + "'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition AND relname <> '" + DealsSchema.HISTORY_TABLE + "'")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String flywayVersion() {
        try (InputStream in = DealsTour.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            if (in == null) {
                return "(version unknown)";
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException unreadable) {
            return "(version unknown)";
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
