package org.agenticdeals.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.agenticdeals.Deals;
import org.agenticdeals.InsufficientTokensException;
import org.agenticdeals.RedemptionRefusedException;
import org.agenticdeals.RefundRefusedException;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger under contention: many threads, few users, retried keys. Afterwards every balance equals its
 * ledger, none is negative, and the totals equal what the successful calls reported.
 */
class LedgerConcurrencyTest {

    private static final int THREADS = 16;
    private static final int OPERATIONS_PER_THREAD = 1_000;
    private static final int USERS = 20;

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void randomOperationsFromSixteenThreadsKeepEveryInvariant(Deals deals, Fixtures fixtures, TestDatabase test) throws Exception {
        UUID admin = fixtures.user().admin().create().getId();
        List<UUID> users = new ArrayList<>();
        for (int user = 0; user < USERS; user++) {
            users.add(fixtures.user().create().getId());
        }
        UUID tokenPackage = fixtures.tokenPackage().tokens(100).create().getId();
        String code = fixtures.redemptionCode().code("CONCURRENT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase())
                .tokens(20).maxRedemptions(1_000).create().getCode();
        Map<UUID, AtomicLong> expected = new ConcurrentHashMap<>();
        users.forEach(user -> expected.put(user, new AtomicLong()));
        var charges = new ConcurrentLinkedQueue<LedgerEntry>();
        var usedKeys = new ConcurrentLinkedQueue<String[]>();
        var refusals = new AtomicInteger();
        var replays = new AtomicInteger();

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            var workers = new ArrayList<Callable<Void>>();
            for (int thread = 0; thread < THREADS; thread++) {
                long seed = 1000L + thread;
                workers.add(() -> {
                    var random = new SplittableRandom(seed);
                    for (int operation = 0; operation < OPERATIONS_PER_THREAD; operation++) {
                        UUID user = users.get(random.nextInt(USERS));
                        try {
                            LedgerEntry entry = switch (random.nextInt(10)) {
                                case 0 -> deals.ledger().purchase(user, tokenPackage, "pay-" + seed + "-" + operation);
                                case 1, 2, 3, 4 -> {
                                    LedgerEntry charge = deals.ledger().chargeAiUsage(user, 1 + random.nextInt(30), UUID.randomUUID());
                                    charges.add(charge);
                                    yield charge;
                                }
                                case 5 -> {
                                    LedgerEntry charge = charges.peek();
                                    if (charge == null) {
                                        yield null;
                                    }
                                    yield deals.ledger().refund(charge.id(), 1 + random.nextInt(10), "refund-" + seed + "-" + operation);
                                }
                                case 6 -> deals.ledger().redeem(user, code, "redeem-" + user);
                                case 7 -> deals.ledger().adjust(admin, user, random.nextBoolean() ? 15 : -15, "random adjustment",
                                        "adjust-" + seed + "-" + operation);
                                default -> {
                                    // Retry an earlier charge's request: must change nothing.
                                    LedgerEntry earlier = charges.peek();
                                    yield earlier == null ? null : deals.ledger().chargeAiUsage(earlier.userId(), -earlier.amount(), earlier.referenceId());
                                }
                            };
                            if (entry != null && entry.replayed()) {
                                replays.incrementAndGet();
                            } else if (entry != null) {
                                expected.get(entry.userId()).addAndGet(entry.amount());
                            }
                        } catch (InsufficientTokensException | RefundRefusedException | RedemptionRefusedException refused) {
                            refusals.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> worker : threads.invokeAll(workers)) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(deals.ledger().reconcileAll()).isEmpty();
        for (UUID user : users) {
            Balance balance = deals.ledger().balance(user);
            assertThat(balance.balance()).isNotNegative().isEqualTo(expected.get(user).get());
            assertThat(balance.balance()).isEqualTo(balance.lifetimeEarned() - balance.lifetimeSpent());
        }
        assertThat(replays.get()).as("retried keys were replayed").isPositive();
        assertThat(refusals.get()).as("some calls were refused, none failed").isPositive();
        assertThat(test.ownerDsl().fetchValue("SELECT min(balance) FROM deals.user_token_balances")).isNotNull();
    }

    @Test
    void fiftyUsersRaceForACodeRedeemableFiveTimesAndExactlyFiveWin(Deals deals, Fixtures fixtures, TestDatabase test) throws Exception {
        String code = fixtures.redemptionCode().code("FIVE-ONLY").tokens(10).maxRedemptions(5).create().getCode();
        List<UUID> users = new ArrayList<>();
        for (int user = 0; user < 50; user++) {
            users.add(fixtures.user().create().getId());
        }
        var start = new CountDownLatch(1);
        var won = new AtomicInteger();
        var exhausted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(50);
        try {
            var racers = new ArrayList<Callable<Void>>();
            for (UUID user : users) {
                racers.add(() -> {
                    start.await();
                    try {
                        deals.ledger().redeem(user, code, "race-" + user);
                        won.incrementAndGet();
                    } catch (RedemptionRefusedException refused) {
                        assertThat(refused.reason()).isEqualTo(RedemptionRefusedException.Reason.EXHAUSTED);
                        exhausted.incrementAndGet();
                    }
                    return null;
                });
            }
            var futures = new ArrayList<Future<Void>>();
            racers.forEach(racer -> futures.add(threads.submit(racer)));
            start.countDown();
            for (Future<Void> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(won.get()).isEqualTo(5);
        assertThat(exhausted.get()).isEqualTo(45);
        assertThat(test.ownerDsl().fetchValue("SELECT redemptions_count FROM deals.token_redemption_codes WHERE code = 'FIVE-ONLY'")).isEqualTo(5);
        assertThat(test.ownerDsl().fetchValue("SELECT count(*) FROM deals.token_code_redemptions r JOIN deals.token_redemption_codes c"
                + " ON c.id = r.code_id WHERE c.code = 'FIVE-ONLY'")).isEqualTo(5L);
    }

    @Test
    void oneKeySentByTenThreadsAtOnceWritesOneTransaction(Deals deals, Fixtures fixtures, TestDatabase test) throws Exception {
        UUID user = fixtures.user().create().getId();
        deals.ledger().adjust(fixtures.user().admin().create().getId(), user, 100, "start", "start-" + user);
        UUID request = UUID.randomUUID();
        var start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(10);
        List<LedgerEntry> results = new ArrayList<>();
        try {
            var futures = new ArrayList<Future<LedgerEntry>>();
            for (int thread = 0; thread < 10; thread++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return deals.ledger().chargeAiUsage(user, 7, request);
                }));
            }
            start.countDown();
            for (Future<LedgerEntry> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(results).extracting(LedgerEntry::id).containsOnly(results.get(0).id());
        assertThat(results).filteredOn(entry -> !entry.replayed()).hasSize(1);
        assertThat(test.ownerDsl().fetchValue("SELECT count(*) FROM deals.token_transactions WHERE reference_id = ?", request)).isEqualTo(1L);
        assertThat(deals.ledger().balance(user).balance()).isEqualTo(93);
    }

    @Test
    void referralsBetweenTheSamePairsInBothDirectionsDoNotDeadlock(Deals deals, Fixtures fixtures) throws Exception {
        List<UUID> users = new ArrayList<>();
        for (int user = 0; user < 6; user++) {
            users.add(fixtures.user().create().getId());
        }
        var start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(12);
        var granted = new AtomicInteger();
        try {
            var futures = new ArrayList<Future<Void>>();
            for (int first = 0; first < users.size(); first++) {
                for (int second = 0; second < users.size(); second++) {
                    if (first == second) {
                        continue;
                    }
                    UUID referrer = users.get(first);
                    UUID referee = users.get(second);
                    futures.add(threads.submit(() -> {
                        start.await();
                        deals.ledger().grantReferralBonus(referrer, referee);
                        granted.incrementAndGet();
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<Void> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(granted.get()).isEqualTo(30);
        assertThat(deals.ledger().reconcileAll()).isEmpty();
        for (UUID user : users) {
            assertThat(deals.ledger().balance(user).balance()).isEqualTo(10 * 25);
        }
    }
}
