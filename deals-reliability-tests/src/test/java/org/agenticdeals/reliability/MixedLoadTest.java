package org.agenticdeals.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsRefusal;
import org.agenticdeals.InsufficientTokensException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.RedemptionRefusedException;
import org.agenticdeals.RefundRefusedException;
import org.agenticdeals.ShareLinkUnavailableException;
import org.agenticdeals.analysis.AnalysisSubject;
import org.agenticdeals.analysis.AnalysisTask;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.DealQuery;
import org.agenticdeals.catalog.DealView;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.jooq.enums.SourceStatus;
import org.agenticdeals.ledger.LedgerEntry;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.sharing.Share;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mixed workload at 16 threads for a bounded time (20 s; {@code -Ddeals.reliability.load.seconds} for longer):
 * searches by text and by filters, saves and unsaves, the ledger (purchases, debits of which some are deliberately too
 * large, refunds of which some ask too much, code redemptions beyond the code's limit), small ingestions each followed
 * by {@code matchNewDeals}, shared links followed (some deactivated on purpose), analysis requests and workers.
 * Afterwards no call failed other than by an intended refusal, every invariant holds, every balance equals what the
 * answered calls moved, and every link's click count equals the clicks answered. Throughput per operation is printed
 * (and written to {@code target/reliability/load.md}).
 */
@Tag("reliability")
class MixedLoadTest {

    private static final Logger log = LoggerFactory.getLogger(MixedLoadTest.class);
    private static final List<String> WORDS = List.of("headphones", "wireless", "laptop", "monitor", "speaker", "tent", "backpack", "yoga",
            "espresso", "chair", "desk", "lego", "charger", "skillet", "kettlebell", "load lamp");

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void sixteenThreadsOfMixedCallsLeaveEveryInvariantIntact(Deals deals, TestDatabase test, SeedData seed, Fixtures fixtures) throws Exception {
        UUID admin = seed.admin().id();
        UUID tokenPackage = seed.packages().stream().filter(SeedData.TokenPackage::active).findFirst().orElseThrow().id();
        List<UUID> active = ActiveDeals.of(test);
        List<UUID> ledgerUsers = new ArrayList<>();
        List<UUID> analysisUsers = new ArrayList<>();
        Map<UUID, AtomicLong> expectedBalance = new ConcurrentHashMap<>();
        for (int index = 0; index < 24; index++) {
            UUID user = fixtures.user().create().getId();
            int funds = deals.ledger().adjust(admin, user, 2_000, "load test funds", "funds-" + user).balanceAfter();
            expectedBalance.put(user, new AtomicLong(funds));
            (index < 20 ? ledgerUsers : analysisUsers).add(user);
        }
        String code = fixtures.redemptionCode().code("LOAD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT))
                .tokens(10).maxRedemptions(10).create().getCode();
        List<String> links = new ArrayList<>();
        List<String> deactivated = new ArrayList<>();
        for (int index = 0; index < 10; index++) {
            UUID sharer = ledgerUsers.get(index);
            Share share = deals.sharing().share(sharer, NewShare.byLink(active.get(index)));
            if (index < 8) {
                links.add(share.publicLinkId());
            } else {
                deals.sharing().deactivate(sharer, share.id());
                deactivated.add(share.publicLinkId());
            }
        }
        for (int index = 0; index < 8; index++) {
            deals.goals().create(ledgerUsers.get(index), NewGoal.of("Load goal " + index, GoalParameters.none().withKeywords("load lamp")
                    .withMaxMatches(index % 2 == 0 ? 3 : 50).withAlertThreshold(new BigDecimal("30"))));
        }
        List<UUID> sources = seed.sources().stream().filter(source -> source.status() == SourceStatus.ACTIVE).map(SeedData.Source::id).toList();
        List<UUID> categories = seed.categories().stream().map(SeedData.Category::id).toList();
        UUID market = seed.market("Walmart").id();
        List<LedgerEntry> charges = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> clicks = new ConcurrentHashMap<>();
        var batches = new AtomicInteger();
        var tally = new Tally();
        List.of("search (text)", "search (filters)", "search (next page)", "save", "unsave", "purchase", "chargeAiUsage", "refund", "redeem",
                "ingest", "matchNewDeals", "resolve", "resolve (deactivated link)", "analysis request", "analysis claimNext", "analysis complete",
                "analysis fail").forEach(tally::of);

        String loadBefore = loadAverage();
        Duration elapsed = Workers.run(ReliabilitySettings.loadThreads(), ReliabilitySettings.loadDuration(), 21, (thread, random) -> {
            UUID user = ledgerUsers.get(random.nextInt(ledgerUsers.size()));
            int dice = random.nextInt(100);
            try {
                if (dice < 18) {
                    tally.call("search (text)", () -> deals.catalog().search(DealQuery.all().withText(WORDS.get(random.nextInt(WORDS.size()))),
                            PageRequest.first(20)));
                } else if (dice < 30) {
                    searchFiltered(deals, tally, random, categories);
                } else if (dice < 38) {
                    tally.call("save", () -> deals.savedDeals().save(user, active.get(random.nextInt(active.size())), "from the load test"));
                } else if (dice < 43) {
                    tally.call("unsave", () -> deals.savedDeals().unsave(user, active.get(random.nextInt(active.size()))));
                } else if (dice < 47) {
                    moved(expectedBalance, tally.call("purchase", () -> deals.ledger().purchase(user, tokenPackage, "pay-" + UUID.randomUUID())));
                } else if (dice < 61) {
                    // One debit in ten asks for more than any balance holds: an intended refusal.
                    int tokens = random.nextInt(10) == 0 ? 1_000_000 : 1 + random.nextInt(30);
                    LedgerEntry charge = tally.call("chargeAiUsage", () -> deals.ledger().chargeAiUsage(user, tokens, UUID.randomUUID()));
                    charges.add(charge);
                    moved(expectedBalance, charge);
                } else if (dice < 66) {
                    LedgerEntry charge = charges.isEmpty() ? null : charges.get(random.nextInt(charges.size()));
                    if (charge != null) {
                        moved(expectedBalance, tally.call("refund", () -> deals.ledger().refund(charge.id(), 1 + random.nextInt(15), "refund-" + UUID.randomUUID())));
                    }
                } else if (dice < 70) {
                    moved(expectedBalance, tally.call("redeem", () -> deals.ledger().redeem(user, code, "redeem-" + UUID.randomUUID())));
                } else if (dice < 74) {
                    ingestAndMatch(deals, tally, random, sources.get(random.nextInt(sources.size())), market, "l" + batches.incrementAndGet());
                } else if (dice < 88) {
                    String link = links.get(random.nextInt(links.size()));
                    tally.call("resolve", () -> deals.sharing().resolve(link, random.nextBoolean() ? null : user));
                    clicks.computeIfAbsent(link, key -> new AtomicInteger()).incrementAndGet();
                } else if (dice < 91) {
                    String link = deactivated.get(random.nextInt(deactivated.size()));
                    tally.call("resolve (deactivated link)", () -> deals.sharing().resolve(link));
                } else if (dice < 95) {
                    UUID asker = analysisUsers.get(random.nextInt(analysisUsers.size()));
                    tally.call("analysis request", () -> deals.analysis().request(asker, AnalysisSubject.deal(active.get(random.nextInt(active.size()))),
                            "deal_analysis"));
                } else {
                    Optional<AnalysisTask> task = tally.call("analysis claimNext", () -> deals.analysis().claimNext("load-worker-" + thread));
                    if (task.isPresent()) {
                        if (random.nextInt(5) == 0) {
                            tally.call("analysis fail", () -> deals.analysis().fail(task.get(), "the model was overloaded"));
                        } else {
                            int tokens = Math.min(task.get().budget(task.get().model()), 300 + random.nextInt(2_000));
                            tally.call("analysis complete", () -> deals.analysis().complete(task.get(), "{\"verdict\": \"wait\"}", task.get().model().name(), tokens));
                        }
                    }
                }
            } catch (DealsRefusal refusal) {
                // Counted by the tally; judged against each operation's intended refusals below.
            }
        });

        String heading = "Mixed load: " + ReliabilitySettings.loadThreads() + " threads for " + elapsed.toSeconds() + " s, "
                + Runtime.getRuntime().availableProcessors() + " processors, load average " + loadBefore + " before and " + loadAverage() + " after";
        String table = tally.table(elapsed);
        log.info("{}\n{}", heading, table);
        writeReport(heading + "\n\n" + table);

        assertThat(tally.unexpected()).as("calls that failed other than by an intended refusal").isEmpty();
        Map<String, Set<String>> intended = Map.of(
                "chargeAiUsage", Set.of("InsufficientTokensException"),
                "refund", Set.of("RefundRefusedException"),
                "redeem", Set.of("RedemptionRefusedException"),
                "resolve (deactivated link)", Set.of("ShareLinkUnavailableException"),
                "analysis request", Set.of("InsufficientTokensException"));
        for (Outcomes outcomes : tally.all()) {
            assertThat(outcomes.failures()).as("database failures of %s", outcomes.operation()).isZero();
            assertThat(outcomes.refusalsByType().keySet()).as("refusals of %s", outcomes.operation())
                    .isSubsetOf(intended.getOrDefault(outcomes.operation(), Set.of()));
        }
        assertThat(tally.of("chargeAiUsage").refusalsByType()).as("debits too large were refused").containsKey("InsufficientTokensException");
        assertThat(tally.of("resolve (deactivated link)").successes()).as("deactivated links resolved").isZero();
        assertThat(tally.of("matchNewDeals").successes()).as("matching runs").isPositive();

        Invariants invariants = new Invariants(deals, test);
        assertThat(invariants.all(analysisUsers)).isEmpty();
        for (UUID user : ledgerUsers) {
            assertThat(deals.ledger().balance(user).balance()).as("balance of %s: what the answered calls moved", user)
                    .isEqualTo(expectedBalance.get(user).get());
        }
        for (String link : links) {
            assertThat(test.ownerDsl().fetchValue("select click_count from deals.shared_deals where public_link_id = ?", link))
                    .as("clicks of a link: one per answered resolve").isEqualTo(clicks.getOrDefault(link, new AtomicInteger()).get());
        }
        assertThat(test.ownerDsl().fetchValue("select count(*) from deals.token_redemption_codes where code = ? and redemptions_count = max_redemptions",
                code)).as("the code was redeemed up to its limit, not beyond").isEqualTo(1L);
    }

    private static void searchFiltered(Deals deals, Tally tally, SplittableRandom random, List<UUID> categories) {
        BigDecimal floor = BigDecimal.valueOf(random.nextInt(200));
        DealQuery query = DealQuery.all().withCategory(categories.get(random.nextInt(categories.size())))
                .withPriceBetween(floor, floor.add(BigDecimal.valueOf(50 + random.nextInt(1_000))))
                .withMinDiscount(BigDecimal.valueOf(random.nextInt(40)))
                .sortedBy(DealQuery.Sort.values()[1 + random.nextInt(3)]);
        Page<DealView> first = tally.call("search (filters)", () -> deals.catalog().search(query, PageRequest.first(10)));
        first.nextCursor().ifPresent(cursor -> tally.call("search (next page)", () -> deals.catalog().search(query, PageRequest.after(cursor, 10))));
    }

    private static void ingestAndMatch(Deals deals, Tally tally, SplittableRandom random, UUID source, UUID market, String batch) {
        List<DealInput> items = new ArrayList<>();
        for (int item = 0; item < 5; item++) {
            BigDecimal price = BigDecimal.valueOf(1_000 + random.nextInt(20_000), 2);
            items.add(new DealInput("Load lamp " + batch + "-" + item, "A lamp from the load test", "https://load.example.com/" + batch + "/" + item,
                    null, price.add(BigDecimal.valueOf(random.nextInt(10_000), 2)), price, market, null, null));
        }
        IngestionResult result = tally.call("ingest", () -> deals.catalog().ingest(source, items));
        tally.call("matchNewDeals", () -> deals.goals().matchNewDeals(result.dealIds()));
    }

    private static void moved(Map<UUID, AtomicLong> expected, LedgerEntry entry) {
        if (!entry.replayed()) {
            expected.get(entry.userId()).addAndGet(entry.amount());
        }
    }

    private static void writeReport(String report) throws IOException {
        Path file = Path.of("target", "reliability", "load.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }

    /** The machine's one-minute load average, where the system tells it: figures from a shared machine need it beside them. */
    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
    }
}
