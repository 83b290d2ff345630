package org.agenticdeals.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsConfig;
import org.agenticdeals.DealsRefusal;
import org.agenticdeals.PageRequest;
import org.agenticdeals.RedemptionRefusedException;
import org.agenticdeals.ShareLinkUnavailableException;
import org.agenticdeals.VerificationException;
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
import org.agenticdeals.catalog.Source;
import org.agenticdeals.goals.Goal;
import org.agenticdeals.goals.GoalMatch;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.MatchRun;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.interactions.TrendingDeal;
import org.agenticdeals.ledger.Balance;
import org.agenticdeals.ledger.LedgerEntry;
import org.agenticdeals.ledger.NewRedemptionCode;
import org.agenticdeals.ledger.Reconciliation;
import org.agenticdeals.ledger.StatementFilter;
import org.agenticdeals.notifications.Delivery;
import org.agenticdeals.notifications.Notification;
import org.agenticdeals.notifications.NotificationType;
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
import org.agenticdeals.users.User;

/**
 * The README's first command, a host embedding the library from scratch. It gets PostgreSQL from the provider
 * chain ({@code DEALS_PG_URL}, else Docker, else embedded PostgreSQL 17), migrates the schema into a database of its
 * own, seeds demo reference data as an operator would, then walks through the services as the non-superuser
 * application role: a user registers and verifies her address, buys a token package and redeems a code, sets a goal,
 * a batch from two sources brings a price drop and a new match, the matches show their scores, the notifications
 * go to a sender (one held back by quiet hours), a shared link is followed three times, a paid AI analysis is run by
 * a worker with the built-in rule-based provider, and her ledger statement is reconciled. It ends with the rows it
 * wrote per table.
 *
 * <p>Every step checks what it claims; the exit status is 0 only if every check held.
 */
public final class DealsTour {

    private static final int STEPS = 12;
    private static final String PASSWORD = "a long passphrase";
    private static final ZoneId ALICE_ZONE = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final PrintStream out;
    private final List<String> failedChecks = new ArrayList<>();
    private int checks;
    private int step;

    private DealsTour(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the tour on the provider chain's PostgreSQL and exits with its status.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    /** Runs the tour, printing to {@code out}; returns 0 if every self-check held, else 1. */
    static int run(PrintStream out) {
        return new DealsTour(out).run();
    }

    private int run() {
        out.println("agentic-deals tour");
        long started = System.nanoTime();
        try {
            heading("PostgreSQL from the provider chain (DEALS_PG_URL, else Docker, else embedded)");
            PostgresServer server;
            try (Progress progress = Progress.of(out, "starting PostgreSQL (a first run unpacks the binaries)")) {
                server = PostgresProvider.start();
                say("%s, ready in %s", server.describe(), seconds(progress.elapsedMillis()));
            }
            try (server; PostgresDatabase database = server.createDatabase("deals_tour")) {
                String schemaName = migrate(database);
                try (HikariDataSource pool = applicationPool(database.application())) {
                    Deals deals = Deals.create(DealsConfig.builder().dataSource(pool).build());
                    walk(deals, database.ownerDataSource());
                }
                summary(database.ownerDataSource(), schemaName);
            }
        } catch (RuntimeException | SQLException failed) {
            out.println();
            out.println("FAILED: the tour stopped at step " + step + ": " + failed);
            failed.printStackTrace(out);
            return 1;
        }
        out.printf("%d of %d self-checks held, in %s%n", checks - failedChecks.size(), checks, seconds((System.nanoTime() - started) / 1_000_000));
        if (!failedChecks.isEmpty()) {
            failedChecks.forEach(claim -> out.println("FAILED: " + claim));
            return 1;
        }
        out.println("done: every step did what it claims");
        return 0;
    }

    /** Migrates as the database owner, granting the application role what the services need; returns the schema's name. */
    private String migrate(PostgresDatabase database) throws SQLException {
        heading("Migrating the schema with DealsSchema (Flyway)");
        DealsSchema schema = DealsSchema.builder(database.ownerDataSource())
                .applicationRole(database.applicationRole())
                .build();
        MigrationResult result;
        try (Progress progress = Progress.of(out, "migrating")) {
            result = schema.migrate();
            say("schema %s at version %s: %d migrations applied in %s", result.schema(), result.schemaVersion(),
                    result.appliedVersions().size(), seconds(progress.elapsedMillis()));
        }
        Map<String, Long> rows = rowCounts(database.ownerDataSource(), result.schema());
        say("%d tables (partitions and Flyway's history not counted), all empty", rows.size());
        check(result.schemaVersion().equals(schema.latestVersion()), "the schema is at the library's latest version " + schema.latestVersion());
        check(rows.size() >= 20 && rows.values().stream().allMatch(count -> count == 0), "at least 20 tables, all empty");
        return result.schema();
    }

    /** The services as a host calls them, step by step. */
    private void walk(Deals deals, DataSource owner) throws SQLException {
        Demo demo = seed(deals, owner);
        User alice = registerAndVerify(deals);
        tokens(deals, demo, alice.id());
        Goal goal = goal(deals, demo, alice.id());
        Instant quietFrom = ingest(deals, demo, alice.id());
        matchesAndNotifications(deals, demo, alice.id(), goal, quietFrom);
        share(deals, alice.id(), demo.headphones());
        analysis(deals, alice.id(), demo.headphones());
        ledger(deals, alice.id());
    }

    // ------------------------------------------------------------------------------------------------- steps

    /** What the demo seed created, by name. */
    private record Demo(UUID bob, UUID feed, UUID scraper, UUID shop, UUID gadgets, UUID electronics, UUID headphoneCategory,
                        UUID kitchen, UUID headphones, UUID espresso, UUID starterPackage, String code) {
    }

    private Demo seed(Deals deals, DataSource owner) throws SQLException {
        heading("Seeding demo data as an operator would");
        int parts = 9;
        int done = 0;
        RegisteredUser operator = deals.users().register(new Registration("ops@example.com", "correct horse battery staple", "Ops"));
        deals.users().verifyEmail(operator.verificationToken());
        // The first admin cannot be made by an admin: the operator promotes one account as the schema's owner.
        execute(owner, "UPDATE deals.users SET role = 'admin' WHERE id = ?", operator.user().id());
        UUID admin = operator.user().id();
        Progress.bar(out, ++done, parts, "an admin account (ops@example.com, promoted by the schema owner)");

        DealCatalog catalog = deals.catalog();
        UUID shop = catalog.createMarket(admin, "Example Shop", "https://shop.example.com", null).id();
        UUID gadgets = catalog.createMarket(admin, "Gadget Market", "https://gadgets.example.com", null).id();
        Progress.bar(out, ++done, parts, "2 markets");
        UUID feed = catalog.createSource(admin, "Example Shop feed", Source.Type.API, "{\"interval_minutes\": 15}", new BigDecimal("0.9")).id();
        UUID scraper = catalog.createSource(admin, "Gadget scraper", Source.Type.SCRAPER, "{\"interval_minutes\": 60}", new BigDecimal("0.7")).id();
        Progress.bar(out, ++done, parts, "2 sources: an API feed (reliability 0.9) and a scraper (0.7)");
        UUID electronics = catalog.createCategory(admin, "Electronics", null).id();
        UUID audio = catalog.createCategory(admin, "Audio", electronics).id();
        UUID headphoneCategory = catalog.createCategory(admin, "Headphones", audio).id();
        UUID home = catalog.createCategory(admin, "Home", null).id();
        UUID kitchen = catalog.createCategory(admin, "Kitchen", home).id();
        Progress.bar(out, ++done, parts, "5 categories in two trees");

        // Token packages are the operator's price list: there is no service for them, the schema owner inserts them.
        UUID starter = UUID.randomUUID();
        execute(owner, "INSERT INTO deals.token_packages (id, name, token_amount, price_usd, discount_percentage) VALUES (?, 'Starter', 100, 4.99, 0)",
                starter);
        execute(owner, "INSERT INTO deals.token_packages (name, token_amount, price_usd, discount_percentage) VALUES ('Pro', 1000, 39.99, 20)");
        Progress.bar(out, ++done, parts, "2 token packages (Starter: 100 tokens for 4.99; Pro: 1,000 for 39.99, 20 % off)");
        String code = deals.ledger().createCode(admin, new NewRedemptionCode("WELCOME-2026", 25, 1_000, null)).code();
        Progress.bar(out, ++done, parts, "a redemption code, " + code + ", worth 25 tokens");
        AiModel model = deals.analysis().registerModel(admin, new NewAiModel("deal-rules", "local", "1.0", new BigDecimal("2.5"), 2_000,
                Set.of("deal_analysis")));
        deals.analysis().publishTemplate(admin, NewPromptTemplate.of("deal_analysis", "1", "deal_analysis",
                "Is {{deal_title}} at {{current_price}} (was {{original_price}}, lowest {{lowest_price}}) from {{source}}"
                        + " (reliability {{reliability}}) worth buying? Prices: {{price_history}}."));
        Progress.bar(out, ++done, parts, "an AI model (" + model.name() + ", 2.5 tokens per 1,000) and a prompt template");

        IngestionResult fromFeed = catalog.ingest(feed, List.of(
                deal("Wireless Noise Cancelling Headphones", "https://shop.example.com/nc700", "349.00", "279.00", shop, headphoneCategory),
                deal("Noise Cancelling Earbuds", "https://shop.example.com/buds", "199.00", "149.00", shop, headphoneCategory),
                deal("Studio Monitor Headphones", "https://shop.example.com/studio", "129.00", "99.00", shop, headphoneCategory),
                deal("Espresso Machine", "https://shop.example.com/espresso", "249.00", "199.00", shop, kitchen),
                deal("Price went up", "https://shop.example.com/up", "10.00", "12.00", shop, null)));
        IngestionResult fromScraper = catalog.ingest(scraper, List.of(
                deal("Portable Bluetooth Speaker", "https://gadgets.example.com/speaker", "89.00", "59.00", gadgets, audio),
                deal("Chef's Knife Set", "https://gadgets.example.com/knives", "120.00", "79.00", gadgets, kitchen),
                deal("USB-C Charger 65W", "https://gadgets.example.com/charger", "49.00", "35.00", gadgets, electronics)));
        String refused = fromFeed.refused().stream().map(item -> "item " + item.index() + ": " + item.field() + " " + item.reason()).toList().toString();
        Progress.bar(out, ++done, parts, String.format("a catalog: %d deals from the feed (%d refused, %s), %d from the scraper",
                fromFeed.inserted(), fromFeed.refused().size(), refused, fromScraper.inserted()));

        RegisteredUser bob = deals.users().register(new Registration("bob@example.com", PASSWORD, "Bob"));
        UUID espresso = fromFeed.dealIds().get(3);
        deals.savedDeals().save(bob.user().id(), espresso, "for the new kitchen");
        Progress.bar(out, ++done, parts, "bob, who saved the espresso machine");

        check(fromFeed.inserted() == 4 && fromFeed.refused().size() == 1 && "currentPrice".equals(fromFeed.refused().get(0).field()),
                "the feed's batch inserted 4 deals and refused the one priced above its original price, naming currentPrice");
        check(fromScraper.inserted() == 3, "the scraper's batch inserted 3 deals");
        return new Demo(bob.user().id(), feed, scraper, shop, gadgets, electronics, headphoneCategory, kitchen, fromFeed.dealIds().get(0),
                espresso, starter, code);
    }

    private User registerAndVerify(Deals deals) {
        heading("Alice registers and verifies her address");
        RegisteredUser registered = deals.users().register(new Registration("alice@example.com", PASSWORD, "Alice"));
        say("registered %s: verified=%s; the host e-mails her the verification token (only its SHA-256 is stored)",
                registered.user().email(), registered.user().verified());
        User verified = deals.users().verifyEmail(registered.verificationToken());
        say("she follows the link: verified=%s", verified.verified());
        String second = refusal(() -> deals.users().verifyEmail(registered.verificationToken()));
        say("the same link again is refused: %s", second);
        User signedIn = deals.users().authenticate("Alice@Example.com", PASSWORD);
        say("she signs in (the address in any letter case; bcrypt cost %d)", deals.config().bcryptCost());
        check(!registered.user().verified() && verified.verified() && signedIn.id().equals(registered.user().id()),
                "alice is unverified after registering, verified after following the token, and can sign in");
        check(second.startsWith(VerificationException.class.getSimpleName()), "a used verification token is refused");
        return signedIn;
    }

    private void tokens(Deals deals, Demo demo, UUID alice) {
        heading("Alice buys a token package and redeems a code");
        LedgerEntry purchase = deals.ledger().purchase(alice, demo.starterPackage(), "pay_tour_0001");
        say("bought the Starter package: %+d tokens, balance %d", purchase.amount(), purchase.balanceAfter());
        LedgerEntry again = deals.ledger().purchase(alice, demo.starterPackage(), "pay_tour_0001");
        say("the payment provider's webhook fires twice: the second call is a replay (replayed=%s), balance still %d",
                again.replayed(), deals.ledger().balance(alice).balance());
        LedgerEntry redeemed = deals.ledger().redeem(alice, demo.code().toLowerCase(java.util.Locale.ROOT), "tour-redeem-1");
        say("redeemed %s (any letter case): %+d tokens, balance %d", demo.code(), redeemed.amount(), redeemed.balanceAfter());
        String twice = refusal(() -> deals.ledger().redeem(alice, demo.code(), "tour-redeem-2"));
        say("redeeming it a second time is refused: %s", twice);
        Balance balance = deals.ledger().balance(alice);
        check(purchase.amount() == 100 && again.replayed() && again.id().equals(purchase.id()), "a repeated payment reference credits once");
        check(redeemed.amount() == 25 && balance.balance() == 125 && twice.contains("ALREADY_REDEEMED"),
                "the code credits 25 tokens once per user: balance 125");
    }

    private Goal goal(Deals deals, Demo demo, UUID alice) {
        heading("Alice searches, saves a deal and sets a goal");
        var found = deals.catalog().search(DealQuery.all().withText("noise cancelling").withCategory(demo.electronics())
                .withMinDiscount(new BigDecimal("20")), PageRequest.first(10));
        found.items().forEach(deal -> say("search 'noise cancelling' in Electronics, 20 %%+ off: %s, %s (%s %% off), %s, from %s",
                deal.title(), deal.currentPrice(), deal.discountPercentage(), String.join(" > ", deal.categoryPath()), deal.sourceName()));
        deals.savedDeals().save(alice, demo.headphones(), "for the flight in March");
        say("she saves the Wireless Noise Cancelling Headphones");
        Goal goal = deals.goals().create(alice, NewGoal.of("Noise cancelling under 300", GoalParameters.none()
                .withKeywords("noise cancelling").withCategories(demo.electronics()).withMaxPrice(new BigDecimal("300"))
                .withAlertThreshold(new BigDecimal("50"))));
        MatchRun rematch = deals.goals().rematch(alice, goal.id());
        say("her goal '%s' (alert from relevance 50) matched %d deals of the catalog, %d alerts", goal.title(), rematch.matchesAdded(),
                rematch.alertsCreated());
        check(found.items().size() == 2 && found.items().stream().allMatch(deal -> deal.categoryPath().contains("Electronics")),
                "the search finds the two noise-cancelling deals, in Electronics' subtree");
        check(rematch.matchesAdded() == 2 && rematch.alertsCreated() == 2, "the new goal matches the two noise-cancelling deals and alerts both");
        return goal;
    }

    /** The second round of ingestion, from two sources; returns when alice's quiet hours were switched on. */
    private Instant ingest(Deals deals, Demo demo, UUID alice) {
        heading("Quiet hours, then a batch from two sources: a price drop and a new deal");
        LocalTime now = Instant.now().atZone(ALICE_ZONE).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        deals.preferences().updateNotificationSettings(alice, settings -> settings.withTimeZone(ALICE_ZONE)
                .withQuietHours(now.minusHours(1), now.plusHours(1)));
        Instant quietFrom = Instant.now();
        say("alice's quiet hours: %s to %s, %s (it is %s there now)", CLOCK.format(now.minusHours(1)), CLOCK.format(now.plusHours(1)),
                ALICE_ZONE, CLOCK.format(now));
        IngestionResult feed = deals.catalog().ingest(demo.feed(), List.of(
                deal("Espresso Machine", "https://shop.example.com/espresso", "249.00", "169.00", demo.shop(), demo.kitchen()),
                deal("Wireless Noise Cancelling Headphones", "https://shop.example.com/nc700", "349.00", "279.00", demo.shop(),
                        demo.headphoneCategory())));
        IngestionResult scraper = deals.catalog().ingest(demo.scraper(), List.of(
                deal("Noise Cancelling Over-Ear Headphones", "https://gadgets.example.com/over-ear", "299.00", "199.00", demo.gadgets(),
                        demo.headphoneCategory())));
        IngestionResult.PriceDrop drop = feed.priceDrops().isEmpty() ? null : feed.priceDrops().get(0);
        say("the feed: %d updated, %d unchanged; price drop %s -> %s", feed.updated(), feed.unchanged(),
                drop == null ? "?" : drop.oldPrice(), drop == null ? "?" : drop.newPrice());
        say("the scraper: %d new deal", scraper.inserted());
        List<UUID> changed = new ArrayList<>(feed.dealIds());
        changed.addAll(scraper.dealIds());
        MatchRun matching = deals.goals().matchNewDeals(changed);
        PriceDropRun drops = deals.notifications().notifyPriceDrops(feed.priceDrops());
        say("the batch against every active goal: %d new match, %d alert; %d price-drop notification", matching.matchesAdded(),
                matching.alertsCreated(), drops.notificationsCreated());
        check(feed.updated() == 1 && feed.unchanged() == 1 && drop != null && drop.dealId().equals(demo.espresso())
                        && deals.catalog().priceHistory(demo.espresso()).size() == 2,
                "the feed's batch updates the espresso machine (a price drop, two prices in its history) and leaves the headphones unchanged");
        check(scraper.inserted() == 1 && matching.matchesAdded() == 1 && matching.alertsCreated() == 1 && drops.notificationsCreated() == 1,
                "the scraper's new deal matches alice's goal and alerts her; bob, who saved the espresso machine, hears of its drop");
        return quietFrom;
    }

    private void matchesAndNotifications(Deals deals, Demo demo, UUID alice, Goal goal, Instant quietFrom) {
        heading("Matches with their scores, notifications and a sender");
        List<GoalMatch> matches = deals.goals().matches(alice, goal.id(), PageRequest.first(10)).items();
        matches.forEach(match -> say("match: %-40s %7s, relevance %s", match.title(), match.currentPrice(), match.relevance()));
        List<Notification> inbox = new ArrayList<>(deals.notifications().list(alice, PageRequest.first(20)).items());
        inbox.addAll(deals.notifications().list(demo.bob(), PageRequest.first(20)).items());
        for (Notification notification : inbox) {
            boolean deferred = notification.deliverAfter().isAfter(notification.createdAt());
            say("%s's inbox: [%s] %s, %s", notification.userId().equals(alice) ? "alice" : "bob", notification.type(), notification.title(),
                    deferred ? "held until " + CLOCK.format(notification.deliverAfter().atZone(ALICE_ZONE)) + " (quiet hours)" : "due now");
        }
        List<Notification> deferred = inbox.stream().filter(notification -> notification.deliverAfter().isAfter(Instant.now())).toList();

        List<Delivery> now = deals.notifications().pendingDeliveries(Instant.now(), 100);
        now.forEach(delivery -> deals.notifications().markDelivered(delivery.notificationId()));
        say("a sender claims %d due notifications for e-mail and push and marks them delivered; the one in quiet hours stays back",
                now.size());
        List<Delivery> later = deferred.isEmpty() ? List.of()
                : deals.notifications().pendingDeliveries(deferred.get(0).deliverAfter().plusSeconds(1), 100);
        later.forEach(delivery -> deals.notifications().markDelivered(delivery.notificationId()));
        say("the sender, run when alice's quiet hours end, claims %d: %s", later.size(),
                later.stream().map(Delivery::title).toList());

        check(matches.size() == 3 && isBestFirst(matches), "the goal has three matches, best relevance first");
        check(deferred.size() == 1 && deferred.get(0).type() == NotificationType.DEAL_ALERT && !deferred.get(0).createdAt().isBefore(quietFrom),
                "exactly one notification is deferred: alice's alert created in her quiet hours");
        check(now.stream().noneMatch(delivery -> delivery.notificationId().equals(deferred.get(0).id()))
                        && now.stream().anyMatch(delivery -> delivery.userId().equals(demo.bob()) && delivery.type() == NotificationType.PRICE_DROP)
                        && now.size() == inbox.size() - 1,
                "the sender gets every notification but the deferred one, bob's price drop among them");
        check(later.size() == 1 && later.get(0).notificationId().equals(deferred.get(0).id()), "after the quiet hours the deferred alert goes out");
    }

    private void share(Deals deals, UUID alice, UUID dealId) {
        heading("Alice shares a deal; its link is followed three times");
        Share share = deals.sharing().share(alice, NewShare.byEmail(dealId, List.of("bob@example.com", "Bob@Example.com"))
                .withMessage("Thought of you"));
        say("shared by e-mail with %s (duplicates dropped): link /s/%s", ((ShareChannel.Email) share.channel()).recipients(),
                share.publicLinkId());
        DealView resolved = null;
        for (int visitor = 0; visitor < 3; visitor++) {
            resolved = deals.sharing().resolve(share.publicLinkId());
        }
        int clicks = deals.sharing().find(alice, share.id()).orElseThrow().clickCount();
        say("three anonymous visitors followed it to '%s': %d clicks counted", resolved.title(), clicks);
        String mistyped = refusal(() -> deals.sharing().resolve(share.publicLinkId().substring(1) + "x"));
        say("a mistyped link: %s", mistyped);
        List<TrendingDeal> trending = deals.interactions().trending(3);
        trending.forEach(deal -> say("trending: %s, score %.2f from %d interactions", deal.title(), deal.score(), deal.interactions()));
        check(clicks == 3 && resolved.id().equals(dealId), "three resolutions count three clicks");
        check(mistyped.startsWith(ShareLinkUnavailableException.class.getSimpleName()), "an unknown link is refused");
        check(!trending.isEmpty() && trending.get(0).dealId().equals(dealId), "the shared deal leads the trending list");
    }

    private void analysis(Deals deals, UUID alice, UUID dealId) {
        heading("A paid AI analysis, run by a worker with the built-in rule-based provider");
        int before = deals.ledger().balance(alice).balance();
        AnalysisRequest request = deals.analysis().request(alice, AnalysisSubject.deal(dealId), "deal_analysis", "tour-analysis-1");
        say("alice asks for an analysis with model %s: %d tokens charged up front (its whole token budget)", request.model(),
                request.tokensCharged());
        int ran;
        try (AnalysisWorker worker = AnalysisWorker.builder(deals.analysis(), new RuleBasedAnalysisProvider(deals.catalog()))
                .workerId("tour-worker").build()) {
            ran = worker.drain();
        }
        AnalysisRequest done = deals.analysis().find(alice, request.id()).orElseThrow();
        int after = deals.ledger().balance(alice).balance();
        say("a worker ran it: %s, %d model tokens used, %d tokens refunded; alice paid %d", done.status(), done.tokensUsed(),
                done.tokensRefunded(), before - after);
        say("result: %s", done.result());
        check(ran == 1 && done.status() == AnalysisStatus.COMPLETED && before - after == done.tokensSpent() && done.tokensRefunded() > 0
                        && deals.analysis().dealAnalysis(dealId).isPresent(),
                "the worker completes the request, refunds the unused tokens and the deal shows the analysis");
    }

    private void ledger(Deals deals, UUID alice) {
        heading("Alice's ledger statement, reconciled");
        List<LedgerEntry> statement = deals.ledger().statement(alice, StatementFilter.all(), PageRequest.first(20)).items();
        say("%-16s %7s %8s  %s", "type", "amount", "balance", "description");
        for (int index = statement.size() - 1; index >= 0; index--) {
            LedgerEntry entry = statement.get(index);
            say("%-16s %+7d %8d  %s", entry.type(), entry.amount(), entry.balanceAfter(), entry.description());
        }
        Reconciliation reconciliation = deals.ledger().reconcile(alice);
        List<Reconciliation> disagreeing = deals.ledger().reconcileAll();
        say("reconcile(alice): balance %d = sum of amounts %d, earned %d = credits %d, spent %d = debits %d, %d broken links: %s",
                reconciliation.balance(), reconciliation.sumOfAmounts(), reconciliation.lifetimeEarned(), reconciliation.sumOfCredits(),
                reconciliation.lifetimeSpent(), reconciliation.sumOfDebits(), reconciliation.brokenChainLinks(),
                reconciliation.clean() ? "clean" : "NOT CLEAN");
        say("reconcileAll(): %d users whose balance disagrees with their ledger", disagreeing.size());
        check(statement.size() == 4 && reconciliation.clean() && disagreeing.isEmpty(),
                "four entries (purchase, code, charge, refund), and every balance agrees with its ledger");
    }

    /** The rows the tour wrote, per table: the database was empty after migrating (checked then). */
    private void summary(DataSource owner, String schemaName) throws SQLException {
        heading("What the tour wrote");
        Map<String, Long> after = rowCounts(owner, schemaName);
        long total = 0;
        out.printf("       %-30s %6s%n", "table", "rows");
        for (Map.Entry<String, Long> table : after.entrySet()) {
            long written = table.getValue();
            if (written != 0) {
                out.printf("       %-30s %6d%n", table.getKey(), written);
                total += written;
            }
        }
        out.printf("       %-30s %6d%n", "total", total);
        check(after.getOrDefault("users", 0L) == 3 && after.getOrDefault("deals", 0L) == 8 && after.getOrDefault("audit_log", 0L) > 0,
                "3 users and 8 deals were written, and the audit log recorded the changes");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void heading(String title) {
        step++;
        out.printf("%n[%2d/%d] %s%n", step, STEPS, title);
    }

    private void say(String format, Object... arguments) {
        out.println("       " + String.format(format, arguments));
    }

    private void check(boolean held, String claim) {
        checks++;
        if (!held) {
            failedChecks.add("step " + step + ": " + claim);
            out.println("       CHECK FAILED: " + claim);
        }
    }

    /** What a call that must be refused says: the refusal's type and code, or that it was not refused. */
    private static String refusal(Supplier<?> call) {
        try {
            call.get();
            return "not refused";
        } catch (RedemptionRefusedException refused) {
            return refused.getClass().getSimpleName() + " " + refused.reason();
        } catch (DealsRefusal refused) {
            return refused.getClass().getSimpleName() + " " + refused.code();
        }
    }

    private static boolean isBestFirst(List<GoalMatch> matches) {
        for (int index = 1; index < matches.size(); index++) {
            if (matches.get(index - 1).relevance().compareTo(matches.get(index).relevance()) < 0) {
                return false;
            }
        }
        return true;
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

    private static void execute(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setObject(index + 1, parameters[index]);
            }
            statement.execute();
        }
    }

    /** Exact row counts of the schema's tables and partitioned tables (partitions and Flyway's history not counted). */
    private static Map<String, Long> rowCounts(DataSource owner, String schema) throws SQLException {
        var tables = new ArrayList<String>();
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT relname FROM pg_class WHERE relnamespace = '" + schema
                    + "'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition AND relname <> '" + DealsSchema.HISTORY_TABLE
                    + "' ORDER BY relname")) {
                while (row.next()) {
                    tables.add(row.getString(1));
                }
            }
            var counts = new LinkedHashMap<String, Long>();
            for (String table : tables) {
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + schema + ".\"" + table + "\"")) {
                    row.next();
                    counts.put(table, row.getLong(1));
                }
            }
            return counts;
        }
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1_000.0);
    }
}
