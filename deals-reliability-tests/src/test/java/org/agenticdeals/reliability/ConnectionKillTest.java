package org.agenticdeals.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.InsufficientTokensException;
import org.agenticdeals.RedemptionRefusedException;
import org.agenticdeals.RefundRefusedException;
import org.agenticdeals.analysis.AnalysisRequest;
import org.agenticdeals.analysis.AnalysisSubject;
import org.agenticdeals.analysis.AnalysisTask;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.catalog.IngestionResult;
import org.agenticdeals.goals.GoalParameters;
import org.agenticdeals.goals.Goals;
import org.agenticdeals.goals.MatchRun;
import org.agenticdeals.goals.NewGoal;
import org.agenticdeals.jooq.enums.SourceStatus;
import org.agenticdeals.ledger.LedgerEntry;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections killed mid-transaction. Each scenario runs one family of operations on several threads while a
 * {@link BackendKiller} keeps terminating the application's sessions. Every call either returns (and its effect is
 * there) or fails with a retryable {@code UNAVAILABLE} {@link DealsDataAccessException} carrying 57P01 or 08xxx, never
 * anything else, never a hang. A lost call may have committed before its reply was lost, so idempotent calls are made
 * again with the same key until answered, and the checks afterwards demand each effect exactly once. Then the
 * invariants hold, and the same {@link Deals} over the same pool answers at once.
 */
@Tag("reliability")
class ConnectionKillTest {

    private static final Logger log = LoggerFactory.getLogger(ConnectionKillTest.class);
    private static final int THREADS = 4;
    /** A call slower than this is a hang; calls here take milliseconds, a lost one a little more. */
    private static final long HANG_MILLIS = 30_000;
    /**
     * HikariCP hands out a connection idle for less than half a second without validating it; waiting longer after a
     * storm means a connection killed in its last moment is noticed when borrowed, not by the first fresh call.
     */
    private static final Duration SETTLE = Duration.ofMillis(1_000);

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @BeforeEach
    void theOwnerMayTerminateSessions(TestDatabase test) {
        assumeTrue(BackendKiller.permitted(test), "the owner role may not terminate other sessions (needs superuser or pg_signal_backend)");
    }

    @Test
    void ledgerOperationsEitherCompleteOnceOrLeaveNothing(Deals deals, TestDatabase test, SeedData seed, Fixtures fixtures) throws Exception {
        UUID admin = seed.admin().id();
        UUID tokenPackage = activePackage(seed);
        String code = fixtures.redemptionCode().code("KILLED-" + shortId()).tokens(20).maxRedemptions(1_000).create().getCode();
        List<UUID> users = new ArrayList<>();
        Map<UUID, Integer> funded = new ConcurrentHashMap<>();
        for (int index = 0; index < 6; index++) {
            UUID user = fixtures.user().create().getId();
            users.add(user);
            funded.put(user, deals.ledger().adjust(admin, user, 500, "reliability funds", "funds-" + user).balanceAfter());
        }
        Map<String, LedgerEntry> answered = new ConcurrentHashMap<>();
        Set<String> refusedKeys = ConcurrentHashMap.newKeySet();
        List<LedgerEntry> charges = Collections.synchronizedList(new ArrayList<>());
        var tally = new Tally();
        var sequence = new AtomicInteger();

        int kills = storm(test, 11, (thread, random) -> {
            UUID user = users.get(random.nextInt(users.size()));
            int call = sequence.incrementAndGet();
            switch (random.nextInt(8)) {
                case 0 -> {
                    String reference = "pay-" + call;
                    answered.put("purchase:" + reference, ConnectionLoss.untilAnswered(tally, "purchase",
                            () -> deals.ledger().purchase(user, tokenPackage, reference)));
                }
                case 1, 2, 3 -> {
                    UUID request = UUID.randomUUID();
                    int tokens = 1 + random.nextInt(random.nextInt(10) == 0 ? 2_000 : 40);
                    try {
                        LedgerEntry charge = ConnectionLoss.untilAnswered(tally, "chargeAiUsage", () -> deals.ledger().chargeAiUsage(user, tokens, request));
                        answered.put("ai_usage:" + request, charge);
                        charges.add(charge);
                    } catch (InsufficientTokensException refused) {
                        refusedKeys.add("ai_usage:" + request);
                    }
                }
                case 4, 5 -> {
                    LedgerEntry charge = charges.isEmpty() ? null : charges.get(random.nextInt(charges.size()));
                    if (charge != null) {
                        String key = "refund-" + call;
                        int tokens = 1 + random.nextInt(15);
                        try {
                            answered.put("refund:" + key, ConnectionLoss.untilAnswered(tally, "refund", () -> deals.ledger().refund(charge.id(), tokens, key)));
                        } catch (RefundRefusedException refused) {
                            refusedKeys.add("refund:" + key);
                        }
                    }
                }
                default -> {
                    String key = "redeem-" + call;
                    try {
                        answered.put("redeem:" + key, ConnectionLoss.untilAnswered(tally, "redeem", () -> deals.ledger().redeem(user, code, key)));
                    } catch (RedemptionRefusedException refused) {
                        assertThat(refused.reason()).isEqualTo(RedemptionRefusedException.Reason.ALREADY_REDEEMED);
                        refusedKeys.add("redeem:" + key);
                    }
                }
            }
        });

        report("ledger", kills, tally);
        requireStormHitCalls(kills, tally);
        DSLContext owner = test.ownerDsl();
        // Each answered call's row exists once, under its key; a refused call left no key; nothing else was written.
        Map<String, UUID> keys = new HashMap<>();
        owner.fetch("select idempotency_key, transaction_id from deals.token_transaction_keys where idempotency_key = any(?::text[])",
                (Object) answered.keySet().toArray(String[]::new)).forEach(row -> keys.put(row.get(0, String.class), row.get(1, UUID.class)));
        answered.forEach((key, entry) -> assertThat(keys.get(key)).as("the transaction of key %s", key).isEqualTo(entry.id()));
        assertThat(owner.fetchValue("select count(*) from deals.token_transaction_keys where idempotency_key = any(?::text[])",
                (Object) refusedKeys.toArray(String[]::new))).as("keys of refused calls").isEqualTo(0L);
        for (UUID user : users) {
            List<LedgerEntry> mine = answered.values().stream().filter(entry -> entry.userId().equals(user)).toList();
            assertThat(owner.fetchValue("select count(*) from deals.token_transactions where user_id = ?", user))
                    .as("transactions of %s: the funding and one per answered call", user).isEqualTo(1L + mine.size());
            assertThat(deals.ledger().balance(user).balance())
                    .isEqualTo(funded.get(user) + mine.stream().mapToInt(LedgerEntry::amount).sum());
        }
        assertThat(new Invariants(deals, test).ledger()).isEmpty();

        requireSamePoolAnswersAtOnce(test);
        LedgerEntry fresh = deals.ledger().purchase(users.get(0), tokenPackage, "after-the-storm");
        assertThat(fresh.replayed()).isFalse();
    }

    @Test
    void ingestionBatchesAreAllOrNothing(Deals deals, TestDatabase test, SeedData seed) throws Exception {
        List<UUID> sources = seed.sources().stream().filter(source -> source.status() == SourceStatus.ACTIVE).map(SeedData.Source::id).toList();
        assertThat(sources).hasSizeGreaterThanOrEqualTo(THREADS);
        UUID market = seed.market("Amazon").id();
        UUID category = seed.category("Electronics/Audio/Headphones").id();
        DSLContext owner = test.ownerDsl();
        // Each thread owns its batches (and a source of its own), so the version it last had answered is the truth.
        Map<String, Integer> versions = new ConcurrentHashMap<>();
        Map<Integer, List<String>> batchesOfThread = new ConcurrentHashMap<>();
        var tally = new Tally();
        var sequence = new AtomicInteger();

        int kills = storm(test, 12, (thread, random) -> {
            List<String> mine = batchesOfThread.computeIfAbsent(thread, key -> new ArrayList<>());
            boolean update = !mine.isEmpty() && random.nextInt(5) < 2;
            String batch = update ? mine.get(random.nextInt(mine.size())) : "b" + sequence.incrementAndGet();
            int version = update ? versions.get(batch) + 1 : 0;
            List<DealInput> items = batch(batch, version, market, category);
            IngestionResult result = ConnectionLoss.untilAnswered(tally, update ? "ingest (update)" : "ingest (new)",
                    () -> deals.catalog().ingest(sources.get(thread), items),
                    () -> assertThat(batchState(owner, batch)).as("batch %s after a lost call", batch)
                            .isIn(update ? List.of(List.of(BATCH, version - 1), List.of(BATCH, version)) : List.of(List.of(0, -1), List.of(BATCH, 0))));
            assertThat(result.refused()).isEmpty();
            // A lost call that had committed is answered "unchanged" when repeated: all of the batch, never part.
            if (update) {
                assertThat(List.of(result.updated(), result.unchanged())).as("updated, unchanged").isIn(List.of(BATCH, 0), List.of(0, BATCH));
            } else {
                assertThat(List.of(result.inserted(), result.unchanged())).as("inserted, unchanged").isIn(List.of(BATCH, 0), List.of(0, BATCH));
                mine.add(batch);
            }
            versions.put(batch, version);
        });

        report("ingestion", kills, tally);
        requireStormHitCalls(kills, tally);
        versions.forEach((batch, version) -> {
            assertThat(batchState(owner, batch)).as("batch %s", batch).isEqualTo(List.of(BATCH, version));
            // Price history: nothing for a deal never changed, else its first price and one row per change.
            assertThat(owner.fetch("select count(h.deal_id) from deals.deals d left join deals.deal_price_history h on h.deal_id = d.id"
                    + " where starts_with(d.url, ?) group by d.id", prefix(batch))
                    .getValues(0, Long.class)).as("price history rows per deal of batch %s", batch).containsOnly(version == 0 ? 0L : version + 1L);
        });

        requireSamePoolAnswersAtOnce(test);
        assertThat(deals.catalog().ingest(sources.get(0), batch("after-the-storm", 0, market, category)).inserted()).isEqualTo(BATCH);
    }

    @Test
    void matchingRunsEitherCompleteOrLeaveNothing(Deals deals, TestDatabase test, SeedData seed) throws Exception {
        UUID source = seed.source("Slickdeals Scraper").id();
        UUID market = seed.market("Best Buy").id();
        UUID category = seed.category("Electronics/Audio/Speakers").id();
        List<UUID> goals = new ArrayList<>();
        List<SeedData.User> owners = seed.regularUsers();
        for (int index = 0; index < 6; index++) {
            GoalParameters parameters = GoalParameters.none().withKeywords("reliability gadget").withAlertThreshold(new BigDecimal("40"))
                    .withMaxMatches(index % 2 == 0 ? 5 : 200).withMaxPrice(new BigDecimal(60 + 10 * index));
            goals.add(deals.goals().create(owners.get(index % owners.size()).id(), NewGoal.of("Reliability goal " + index, parameters)).id());
        }
        List<UUID> ingested = Collections.synchronizedList(new ArrayList<>());
        var tally = new Tally();
        var sequence = new AtomicInteger();

        int kills = storm(test, 13, (thread, random) -> {
            String batch = "m" + sequence.incrementAndGet();
            List<DealInput> items = new ArrayList<>();
            // A third of the batches are large enough to be matched in goal shards, each its own transaction.
            int size = random.nextInt(3) == 0 ? Goals.PARALLEL_FROM : 10;
            for (int item = 0; item < size; item++) {
                BigDecimal price = BigDecimal.valueOf(20 + random.nextInt(6_000), 2);
                items.add(new DealInput("Reliability gadget " + batch + "-" + item, "A gadget for the matching storm", prefix(batch) + item,
                        null, price.add(BigDecimal.valueOf(random.nextInt(4_000), 2)), price, market, category, null));
            }
            IngestionResult result = ConnectionLoss.untilAnswered(tally, "ingest", () -> deals.catalog().ingest(source, items));
            ingested.addAll(result.dealIds());
            ConnectionLoss.untilAnswered(tally, "matchNewDeals", () -> deals.goals().matchNewDeals(result.dealIds()));
        });

        report("matching", kills, tally);
        requireStormHitCalls(kills, tally);
        assertThat(new Invariants(deals, test).goalMatches()).isEmpty();
        assertThat(test.ownerDsl().fetchValue("select count(*) from deals.goal_deals where goal_id = any(?::uuid[]) and status = 'active'",
                (Object) goals.toArray(UUID[]::new))).as("the storm made matches").isNotEqualTo(0L);

        requireSamePoolAnswersAtOnce(test);
        // Every run's effect is there: matching everything again finds nothing to add, retire or alert.
        MatchRun again = deals.goals().matchNewDeals(ingested);
        assertThat(List.of(again.matchesAdded(), again.matchesRetired(), again.alertsCreated(), again.matchesDigested()))
                .as("added, retired, alerted, digested when run again").containsOnly(0);
    }

    @Test
    void analysisRequestsAreChargedOnceAndFinishedOnce(Deals deals, TestDatabase test, SeedData seed, Fixtures fixtures) throws Exception {
        UUID admin = seed.admin().id();
        List<UUID> users = new ArrayList<>();
        for (int index = 0; index < 4; index++) {
            UUID user = fixtures.user().create().getId();
            deals.ledger().adjust(admin, user, 100_000, "reliability funds", "funds-" + user);
            users.add(user);
        }
        List<UUID> subjects = ActiveDeals.of(test);
        Map<String, AnalysisRequest> requested = new ConcurrentHashMap<>();
        var tally = new Tally();
        var sequence = new AtomicInteger();

        int kills = storm(test, 14, (thread, random) -> {
            int call = sequence.incrementAndGet();
            if (random.nextInt(5) < 2) {
                UUID user = users.get(random.nextInt(users.size()));
                String key = "ask-" + call;
                AnalysisSubject subject = AnalysisSubject.deal(subjects.get(random.nextInt(subjects.size())));
                requested.put(key, ConnectionLoss.untilAnswered(tally, "request", () -> deals.analysis().request(user, subject, "deal_analysis", key)));
                return;
            }
            // A claim lost after it committed leaves its request processing under this worker: the reclaim job's case.
            Optional<AnalysisTask> claimed = ConnectionLoss.untilAnswered(tally, "claimNext", () -> deals.analysis().claimNext("worker-" + thread));
            claimed.ifPresent(task -> finish(deals, tally, task, random));
        });

        report("analysis", kills, tally);
        requireStormHitCalls(kills, tally);
        requireSamePoolAnswersAtOnce(test);
        // What the storm left processing, a day later's reclaim job takes back; then the queue is worked off calmly.
        Deals dayLater = test.deals(builder -> builder.clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(1))));
        dayLater.analysis().reclaimStuck();
        var calm = new Tally();
        for (Optional<AnalysisTask> task = deals.analysis().claimNext("drain"); task.isPresent(); task = deals.analysis().claimNext("drain")) {
            finish(deals, calm, task.get(), new SplittableRandom(task.get().requestId().getLeastSignificantBits()));
        }

        DSLContext owner = test.ownerDsl();
        assertThat(owner.fetch("select idempotency_key, id from deals.ai_analysis_requests where user_id = any(?::uuid[])",
                (Object) users.toArray(UUID[]::new)).intoMap(0, 1))
                .as("one request per key, the one answered").isEqualTo(toIds(requested));
        assertThat(owner.fetch("select distinct status::text from deals.ai_analysis_requests where user_id = any(?::uuid[])",
                (Object) users.toArray(UUID[]::new)).getValues(0, String.class)).as("every request finished").isSubsetOf("completed", "failed");
        Invariants invariants = new Invariants(deals, test);
        assertThat(invariants.analysis(users)).isEmpty();
        assertThat(invariants.ledger()).isEmpty();
    }

    @Test
    void everyClickThroughASharedLinkIsCountedWithItsInteraction(Deals deals, TestDatabase test, SeedData seed) throws Exception {
        List<String> links = new ArrayList<>();
        List<SeedData.User> sharers = seed.regularUsers();
        List<UUID> shared = ActiveDeals.of(test);
        for (int index = 0; index < 6; index++) {
            links.add(deals.sharing().share(sharers.get(index % sharers.size()).id(), NewShare.byLink(shared.get(index))).publicLinkId());
        }
        Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> lost = new ConcurrentHashMap<>();
        var tally = new Tally();

        int kills = storm(test, 15, (thread, random) -> {
            String link = links.get(random.nextInt(links.size()));
            UUID visitor = random.nextBoolean() ? null : sharers.get(random.nextInt(sharers.size())).id();
            // Not repeated after a lost call: a click is not idempotent, and the visitor has gone.
            try {
                tally.call("resolve", () -> deals.sharing().resolve(link, visitor));
                answered.computeIfAbsent(link, key -> new AtomicInteger()).incrementAndGet();
            } catch (DealsDataAccessException failure) {
                if (!ConnectionLoss.isConnectionLoss(failure)) {
                    tally.of("resolve").unexpected(failure);
                    throw failure;
                }
                lost.computeIfAbsent(link, key -> new AtomicInteger()).incrementAndGet();
            }
        });

        report("sharing", kills, tally);
        requireStormHitCalls(kills, tally);
        assertThat(new Invariants(deals, test).clicks()).isEmpty();
        for (String link : links) {
            int clicks = test.ownerDsl().fetchValue("select click_count from deals.shared_deals where public_link_id = ?", link) instanceof Integer count ? count : -1;
            int sure = answered.getOrDefault(link, new AtomicInteger()).get();
            assertThat(clicks).as("clicks of a link: each answered one, and at most each lost one").isBetween(sure, sure + lost.getOrDefault(link, new AtomicInteger()).get());
        }

        requireSamePoolAnswersAtOnce(test);
        assertThat(deals.sharing().resolve(links.get(0)).id()).isEqualTo(shared.get(0));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static final int BATCH = 20;

    /** Runs {@code step} on {@link #THREADS} threads for the fault duration under a killer; returns the sessions killed. */
    private static int storm(TestDatabase test, long seed, Workers.Step step) throws Exception {
        int kills;
        try (BackendKiller killer = new BackendKiller(test, seed).start()) {
            Workers.run(THREADS, ReliabilitySettings.faultDuration(), seed, step);
            kills = killer.kills();
        }
        Thread.sleep(SETTLE.toMillis());
        return kills;
    }

    /** The storm must have hit calls (else it proved nothing), and every call must have ended as allowed and in time. */
    private static void requireStormHitCalls(int kills, Tally tally) {
        assertThat(tally.unexpected()).as("calls that failed other than by a lost connection").isEmpty();
        assertThat(kills).as("sessions killed").isPositive();
        assertThat(tally.all().stream().mapToLong(Outcomes::failures).sum()).as("calls that lost their connection").isPositive();
        assertThat(tally.slowestMillis()).as("the slowest call, in ms").isLessThan(HANG_MILLIS);
    }

    /** The pool the storm ran on is still the one in use, open, and answers a fresh call on the first try. */
    private static void requireSamePoolAnswersAtOnce(TestDatabase test) {
        HikariDataSource pool = (HikariDataSource) test.dataSource();
        assertThat(pool.isClosed()).isFalse();
        assertThat(test.dsl().fetchValue("select 1")).isEqualTo(1);
    }

    private static void report(String scenario, int kills, Tally tally) {
        log.info("{}: {} sessions killed; slowest call {} ms; {}", scenario, kills, tally.slowestMillis(), tally.all());
    }

    private static void finish(Deals deals, Tally tally, AnalysisTask task, SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            ConnectionLoss.untilAnswered(tally, "fail", () -> deals.analysis().fail(task, "the model timed out"));
        } else {
            int tokens = Math.min(task.budget(task.model()), 500 + random.nextInt(2_000));
            ConnectionLoss.untilAnswered(tally, "complete", () -> deals.analysis().complete(task, "{\"verdict\": \"buy\"}", task.model().name(), tokens));
        }
    }

    private static List<DealInput> batch(String batch, int version, UUID market, UUID category) {
        List<DealInput> items = new ArrayList<>();
        for (int item = 0; item < BATCH; item++) {
            items.add(new DealInput("Reliability widget " + batch + "-" + item, null, prefix(batch) + item, null, new BigDecimal("100.00"),
                    BigDecimal.valueOf(9_000 - version, 2), market, category, null));
        }
        return items;
    }

    /** [deals of the batch, the version its prices say] (version -1 for no deals), or something else if the batch is torn. */
    private static List<Integer> batchState(DSLContext owner, String batch) {
        var row = owner.fetchOne("select count(*), count(distinct current_price), min(current_price) from deals.deals where starts_with(url, ?)", prefix(batch));
        int count = row.get(0, Integer.class);
        if (count == 0) {
            return List.of(0, -1);
        }
        if (row.get(1, Integer.class) != 1) {
            return List.of(count, -2);
        }
        return List.of(count, 9_000 - row.get(2, BigDecimal.class).movePointRight(2).intValueExact());
    }

    private static String prefix(String batch) {
        return "https://reliability.example.com/" + batch + "/";
    }

    private static UUID activePackage(SeedData seed) {
        return seed.packages().stream().filter(SeedData.TokenPackage::active).findFirst().orElseThrow().id();
    }

    private static Map<Object, Object> toIds(Map<String, AnalysisRequest> requested) {
        var ids = new HashMap<Object, Object>();
        requested.forEach((key, request) -> ids.put(key, request.id()));
        return ids;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }
}
