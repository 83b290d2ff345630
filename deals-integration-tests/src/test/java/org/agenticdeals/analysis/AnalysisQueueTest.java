package org.agenticdeals.analysis;

import static org.agenticdeals.jooq.Tables.AI_ANALYSIS_REQUESTS;
import static org.agenticdeals.jooq.Tables.TOKEN_TRANSACTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.agenticdeals.Deals;
import org.agenticdeals.IllegalTransitionException;
import org.agenticdeals.InsufficientTokensException;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.PageRequest;
import org.agenticdeals.ValidationException;
import org.agenticdeals.jooq.enums.TokenTransactionType;
import org.agenticdeals.ledger.LedgerEntry;
import org.agenticdeals.support.MutableClock;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The paid queue against the seeded models: {@code deal_analysis} selects gpt-4o (2.5 tokens per 1,000, a 4,096-token
 * budget: 11 tokens charged), and deal-analyst-mini is the fallback (0.2 per 1,000, 2,048 tokens).
 */
class AnalysisQueueTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    private static final int CHARGE = 11;

    @Test
    void aRequestIsChargedItsModelsBudgetAndQueuedWithThePromptRenderedFromTheDeal(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID user = fundedUser(deals, fixtures, 100);
        UUID deal = fixtures.deal().title("Espresso machine").price("199.00").originalPrice("299.00").create().getId();

        AnalysisRequest request = deals.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis");

        assertThat(request.status()).isEqualTo(AnalysisStatus.PENDING);
        assertThat(request.model()).isEqualTo("gpt-4o");
        assertThat(request.tokensCharged()).isEqualTo(CHARGE).isEqualTo(deals.analysis().select("deal_analysis").charge());
        assertThat(deals.ledger().balance(user).balance()).isEqualTo(100 - CHARGE);
        var charge = test.ownerDsl().selectFrom(TOKEN_TRANSACTIONS).where(TOKEN_TRANSACTIONS.USER_ID.eq(user))
                .and(TOKEN_TRANSACTIONS.TRANSACTION_TYPE.eq(TokenTransactionType.AI_USAGE)).fetchSingle();
        assertThat(charge.getAmount()).isEqualTo(-CHARGE);
        assertThat(charge.getReferenceId()).isEqualTo(request.id());
        var row = test.ownerDsl().selectFrom(AI_ANALYSIS_REQUESTS).where(AI_ANALYSIS_REQUESTS.ID.eq(request.id())).fetchSingle();
        assertThat(row.getChargeTransactionId()).isEqualTo(charge.getId());
        assertThat(row.getPrompt()).startsWith("Analyse the deal \"Espresso machine\" from ").contains("now 199.00, was 299.00")
                .contains("price history 20").doesNotContain("{{");
        assertThat(deals.analysis().find(user, request.id())).get().satisfies(found -> {
            assertThat(found.subject()).isEqualTo(AnalysisSubject.deal(deal));
            assertThat(found.tokensCharged()).isEqualTo(CHARGE);
            assertThat(found.replayed()).isFalse();
        });
    }

    @Test
    void urlAndProductSubjectsFillTheirOwnVariables(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID admin = fixtures.user().admin().create().getId();
        UUID user = fundedUser(deals, fixtures, 100);
        deals.analysis().publishTemplate(admin, NewPromptTemplate.of("page", "1", "page_check", "Check {{url}}; the user saved: {{saved_titles}}."));
        deals.analysis().publishTemplate(admin, NewPromptTemplate.of("product", "1", "product_check", "Where is {{product_name}} cheapest?"));

        AnalysisRequest page = deals.analysis().request(user, AnalysisSubject.url(" https://shop.example.com/item/42 "), "page_check");
        AnalysisRequest product = deals.analysis().request(user, AnalysisSubject.product("Burr grinder"), "product_check");

        // No model has these capabilities: both go to the fallback, 0.2 per 1,000 tokens of a 2,048 budget.
        assertThat(List.of(page.model(), product.model())).containsOnly("deal-analyst-mini");
        assertThat(page.tokensCharged()).isEqualTo(1);
        assertThat(page.subject()).isEqualTo(AnalysisSubject.url("https://shop.example.com/item/42"));
        assertThat(prompt(test, page.id())).isEqualTo("Check https://shop.example.com/item/42; the user saved: .");
        assertThat(prompt(test, product.id())).isEqualTo("Where is Burr grinder cheapest?");
    }

    @Test
    void refusedRequestsNameTheFieldOrReasonAndWriteNothing(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID user = fundedUser(deals, fixtures, 100);
        UUID poor = fundedUser(deals, fixtures, CHARGE - 1);
        UUID deal = fixtures.deal().create().getId();
        UUID removed = fixtures.deal().status(org.agenticdeals.jooq.enums.DealStatus.REMOVED).create().getId();
        Map<String, Long> before = RowCounts.of(test);

        Map<String, AnalysisSubject> badSubjects = Map.of(
                "subject.url", AnalysisSubject.url("javascript:alert(1)"),
                "subject.name", AnalysisSubject.product("x".repeat(256)),
                "subject.dealId", AnalysisSubject.deal(null));
        badSubjects.forEach((field, subject) -> assertThatThrownBy(() -> deals.analysis().request(user, subject, "deal_analysis")).as(field)
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo(field)));
        assertThatThrownBy(() -> deals.analysis().request(user, AnalysisSubject.product("Kettle\u0000"), "deal_analysis"))
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo("subject.name"));
        assertThatThrownBy(() -> deals.analysis().request(user, AnalysisSubject.deal(deal), "Deal Analysis'; drop table deals; --"))
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo("usageType"));
        // The seeded deal_analysis template needs {{deal_title}}, which a URL does not give.
        assertThatThrownBy(() -> deals.analysis().request(user, AnalysisSubject.url("https://example.com/a"), "deal_analysis"))
                .isInstanceOfSatisfying(ValidationException.class, refusal -> {
                    assertThat(refusal.field()).isEqualTo("subject");
                    assertThat(refusal.getMessage()).contains("{{deal_title}}");
                });
        assertThatThrownBy(() -> deals.analysis().request(user, AnalysisSubject.deal(UUID.randomUUID()), "deal_analysis"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.analysis().request(user, AnalysisSubject.deal(removed), "deal_analysis"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.analysis().request(user, AnalysisSubject.deal(deal), "unheard_of"))
                .isInstanceOfSatisfying(NotFoundException.class, refusal -> assertThat(refusal.getMessage()).contains("unheard_of"));
        assertThatThrownBy(() -> deals.analysis().request(UUID.randomUUID(), AnalysisSubject.deal(deal), "deal_analysis"))
                .isInstanceOfSatisfying(NotFoundException.class, refusal -> assertThat(refusal.kind()).isEqualTo("user"));
        assertThatThrownBy(() -> deals.analysis().request(poor, AnalysisSubject.deal(deal), "deal_analysis"))
                .isInstanceOfSatisfying(InsufficientTokensException.class, refusal -> assertThat(refusal.requested()).isEqualTo(CHARGE));

        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @Test
    void aRetriedRequestWithTheSameKeyIsChargedOnceEvenWhenTheRetriesRace(Deals deals, Fixtures fixtures) throws Exception {
        UUID user = fundedUser(deals, fixtures, 100);
        UUID deal = fixtures.deal().create().getId();

        List<AnalysisRequest> outcomes = race(16, () -> deals.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis", "order-7"));

        assertThat(outcomes).extracting(AnalysisRequest::id).containsOnly(outcomes.get(0).id());
        assertThat(outcomes).filteredOn(request -> !request.replayed()).hasSize(1);
        assertThat(deals.ledger().balance(user).balance()).isEqualTo(100 - CHARGE);
        assertThat(deals.analysis().list(user, PageRequest.first(10)).items()).hasSize(1);
        assertThat(deals.ledger().reconcile(user).clean()).isTrue();
    }

    @Test
    void completingRefundsTheUnusedChargeAndGivesTheDealItsAnalysis(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID user = fundedUser(deals, fixtures, 100);
        UUID deal = fixtures.deal().create().getId();
        AnalysisRequest request = deals.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis");
        AnalysisTask task = claim(deals, request.id(), "worker-a");

        // 1,500 tokens of gpt-4o cost ceil(3.75) = 4 of the 11 charged.
        AnalysisRequest done = deals.analysis().complete(task, "{\"verdict\": \"buy\", \"score\": 81}", "gpt-4o", 1_500);

        assertThat(done.status()).isEqualTo(AnalysisStatus.COMPLETED);
        assertThat(done.modelUsed()).isEqualTo("gpt-4o");
        assertThat(done.tokensUsed()).isEqualTo(1_500);
        assertThat(done.tokensRefunded()).isEqualTo(7);
        assertThat(done.tokensSpent()).isEqualTo(4);
        assertThat(done.result()).isEqualTo("{\"score\": 81, \"verdict\": \"buy\"}");
        assertThat(deals.ledger().balance(user).balance()).isEqualTo(100 - 4);
        assertThat(deals.analysis().dealAnalysis(deal)).get().asString()
                .contains("\"request_id\": \"" + request.id() + "\"", "\"model\": \"gpt-4o\"", "\"result\": {\"score\": 81, \"verdict\": \"buy\"}");

        // The same claim completing again (a retry after a lost reply) changes nothing.
        AnalysisRequest again = deals.analysis().complete(task, "{\"verdict\": \"skip\"}", "gpt-4o", 10);
        assertThat(again.result()).isEqualTo(done.result());
        assertThat(deals.ledger().balance(user).balance()).isEqualTo(100 - 4);
        assertThat(deals.ledger().reconcile(user).clean()).isTrue();
    }

    @Test
    void anOlderAnalysisFinishingLateDoesNotReplaceTheDealsNewerOne(Deals deals, Fixtures fixtures, TestDatabase test) {
        var clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        Deals timed = test.deals(config -> config.clock(clock));
        UUID user = fundedUser(timed, fixtures, 100);
        UUID deal = fixtures.deal().create().getId();
        AnalysisTask older = claim(timed, timed.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis").id(), "slow");
        AnalysisTask newer = claim(timed, timed.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis").id(), "fast");

        clock.advance(Duration.ofSeconds(5));
        timed.analysis().complete(newer, "{\"n\": 2}", "gpt-4o", 100);
        clock.advance(Duration.ofSeconds(-3));
        timed.analysis().complete(older, "{\"n\": 1}", "gpt-4o", 100);

        assertThat(timed.analysis().dealAnalysis(deal)).get().asString().contains("\"result\": {\"n\": 2}");
    }

    @Test
    void failingRefundsEverythingAndTransitionsOutOfOrderAreRefused(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID user = fundedUser(deals, fixtures, 100);
        UUID deal = fixtures.deal().create().getId();
        AnalysisRequest first = deals.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis");
        AnalysisTask task = claim(deals, first.id(), "worker-b");

        AnalysisRequest failed = deals.analysis().fail(task, "model timed out\u0000 after 30 s\r\n" + "x".repeat(5_000));

        assertThat(failed.status()).isEqualTo(AnalysisStatus.FAILED);
        assertThat(failed.tokensRefunded()).isEqualTo(CHARGE);
        assertThat(failed.errorMessage()).startsWith("model timed out  after 30 s").hasSize(Analysis.MAX_ERROR);
        assertThat(deals.ledger().balance(user).balance()).isEqualTo(100);
        assertThat(deals.analysis().fail(task, "again").errorMessage()).isEqualTo(failed.errorMessage());

        assertThatThrownBy(() -> deals.analysis().complete(task, "{}", "gpt-4o", 1))
                .isInstanceOfSatisfying(IllegalTransitionException.class, refusal -> {
                    assertThat(refusal.state()).isEqualTo("failed");
                    assertThat(refusal.transition()).isEqualTo("complete");
                });
        AnalysisRequest second = deals.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis");
        AnalysisTask unclaimed = new AnalysisTask(second.id(), user, second.subject(), "deal_analysis", "", task.model(), CHARGE, 1, "w", Instant.now());
        assertThatThrownBy(() -> deals.analysis().complete(unclaimed, "{}", "gpt-4o", 1))
                .isInstanceOfSatisfying(IllegalTransitionException.class, refusal -> assertThat(refusal.state()).isEqualTo("pending"));
        AnalysisTask unknown = new AnalysisTask(UUID.randomUUID(), user, second.subject(), "deal_analysis", "", task.model(), CHARGE, 1, "w",
                Instant.now());
        assertThatThrownBy(() -> deals.analysis().fail(unknown, "x")).isInstanceOf(NotFoundException.class);

        AnalysisTask claimed = claim(deals, second.id(), "worker-c");
        Map<String, Long> before = RowCounts.of(test);
        Map<String, Runnable> refused = Map.of(
                "tokensUsed", () -> deals.analysis().complete(claimed, "{}", "gpt-4o", 4_401),
                "modelUsed", () -> deals.analysis().complete(claimed, "{}", "no-such-model", 1),
                "result", () -> deals.analysis().complete(claimed, "[1, 2]", "gpt-4o", 1));
        refused.forEach((field, call) -> assertThatThrownBy(call::run).as(field)
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo(field)));
        assertThatThrownBy(() -> deals.analysis().complete(claimed, "{}", "gpt-4o", -1)).isInstanceOf(ValidationException.class);
        AnalysisTask forged = new AnalysisTask(claimed.requestId(), user, claimed.subject(), "deal_analysis", "", claimed.model(), CHARGE, 1, null,
                Instant.now());
        assertThatThrownBy(() -> deals.analysis().fail(forged, "x"))
                .isInstanceOfSatisfying(ValidationException.class, refusal -> assertThat(refusal.field()).isEqualTo("task.workerId"));
        assertThat(RowCounts.of(test)).isEqualTo(before);
        // 4,400 tokens cost exactly the 11 charged.
        assertThat(deals.analysis().complete(claimed, "{}", "gpt-4o", 4_400).tokensRefunded()).isZero();
        assertThat(deals.ledger().reconcile(user).clean()).isTrue();
    }

    @Test
    void aRequestWhoseWorkerDiedIsReclaimedThenFailedAndRefundedAfterItsAttempts(Deals deals, Fixtures fixtures, TestDatabase test) {
        var clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        Deals timed = test.deals(config -> config.clock(clock).analysisClaimTimeout(Duration.ofMinutes(5)).analysisMaxAttempts(2));
        UUID user = fundedUser(timed, fixtures, 100);
        AnalysisRequest request = timed.analysis().request(user, AnalysisSubject.deal(fixtures.deal().create().getId()), "deal_analysis");

        AnalysisTask dead = claim(timed, request.id(), "worker-that-dies");
        clock.advance(Duration.ofMinutes(4));
        assertThat(timed.analysis().reclaimStuck()).isEqualTo(new ReclaimRun(0, 0, 0));
        clock.advance(Duration.ofMinutes(2));
        assertThat(timed.analysis().reclaimStuck()).isEqualTo(new ReclaimRun(1, 0, 0));
        assertThat(timed.analysis().find(user, request.id())).get().satisfies(found -> {
            assertThat(found.status()).isEqualTo(AnalysisStatus.PENDING);
            assertThat(found.attempts()).isEqualTo(1);
        });

        AnalysisTask second = claim(timed, request.id(), "worker-two");
        assertThat(second.attempt()).isEqualTo(2);
        // The first worker wakes up: its claim is gone.
        assertThatThrownBy(() -> timed.analysis().complete(dead, "{}", "gpt-4o", 10))
                .isInstanceOfSatisfying(IllegalTransitionException.class, refusal -> assertThat(refusal.getMessage()).contains("claimed again"));

        clock.advance(Duration.ofMinutes(6));
        assertThat(timed.analysis().reclaimStuck()).isEqualTo(new ReclaimRun(0, 1, CHARGE));
        assertThat(timed.analysis().find(user, request.id())).get().satisfies(found -> {
            assertThat(found.status()).isEqualTo(AnalysisStatus.FAILED);
            assertThat(found.tokensRefunded()).isEqualTo(CHARGE);
            assertThat(found.errorMessage()).isEqualTo("abandoned: no worker finished it in 2 attempts");
        });
        assertThat(timed.ledger().balance(user).balance()).isEqualTo(100);
        assertThat(timed.analysis().reclaimStuck()).isEqualTo(new ReclaimRun(0, 0, 0));
        assertThat(timed.ledger().reconcile(user).clean()).isTrue();
    }

    @Test
    void theWorkerFallsBackWhenTheModelFailsAndFailsTheRequestWhenTheFallbackFailsToo(Deals deals, Fixtures fixtures) {
        UUID user = fundedUser(deals, fixtures, 100);
        UUID deal = fixtures.deal().create().getId();
        var rules = new RuleBasedAnalysisProvider(deals.catalog());
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        AnalysisProvider primaryDown = call -> {
            calls.add(call.model().name() + (call.fallback() ? " (fallback)" : ""));
            if (!call.fallback()) {
                throw new IllegalStateException("503 from the primary");
            }
            return rules.analyse(call);
        };
        clearQueue(deals);
        AnalysisRequest rescued = deals.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis");

        AnalysisWorker worker = AnalysisWorker.builder(deals.analysis(), primaryDown).workerId("fallback-test").build();
        assertThat(worker.drain()).isEqualTo(1);

        AnalysisRequest done = deals.analysis().find(user, rescued.id()).orElseThrow();
        assertThat(calls).containsExactly("gpt-4o", "deal-analyst-mini (fallback)");
        assertThat(done.status()).isEqualTo(AnalysisStatus.COMPLETED);
        assertThat(done.modelUsed()).isEqualTo("deal-analyst-mini");
        assertThat(done.result()).contains("\"analyst\": \"rule-based\"", "\"verdict\"");
        assertThat(done.tokensSpent()).isEqualTo(1);  // a few hundred tokens at 0.2 per 1,000

        AnalysisRequest doomed = deals.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis");
        AnalysisWorker broken = AnalysisWorker.builder(deals.analysis(), call -> {
            throw new IllegalStateException("down: " + call.model().name());
        }).workerId("broken").build();
        assertThat(broken.drain()).isEqualTo(1);
        AnalysisRequest failed = deals.analysis().find(user, doomed.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(AnalysisStatus.FAILED);
        assertThat(failed.errorMessage()).isEqualTo("model gpt-4o failed: IllegalStateException: down: gpt-4o; "
                + "model deal-analyst-mini failed: IllegalStateException: down: deal-analyst-mini");
        assertThat(failed.tokensRefunded()).isEqualTo(CHARGE);
        assertThat(deals.ledger().balance(user).balance()).isEqualTo(100 - 1);
        assertThat(deals.ledger().reconcile(user).clean()).isTrue();
    }

    @Test
    void aStartedWorkerRunsRequestsAsTheyArriveUntilClosed(Deals deals, Fixtures fixtures) throws Exception {
        UUID user = fundedUser(deals, fixtures, 100);
        UUID deal = fixtures.deal().create().getId();
        clearQueue(deals);
        var rules = new RuleBasedAnalysisProvider(deals.catalog());
        List<UUID> whileRunning = new ArrayList<>();
        try (AnalysisWorker worker = AnalysisWorker.builder(deals.analysis(), rules).workerId("poller").pollInterval(Duration.ofMillis(20))
                .build()) {
            worker.start();
            assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
            for (int request = 0; request < 3; request++) {
                whileRunning.add(deals.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis").id());
                Thread.sleep(30);
            }
            for (UUID request : whileRunning) {
                awaitStatus(deals, user, request, AnalysisStatus.COMPLETED);
            }
        }
        UUID afterClose = deals.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis").id();
        Thread.sleep(200);

        assertThat(deals.analysis().find(user, afterClose).orElseThrow().status()).isEqualTo(AnalysisStatus.PENDING);
        assertThatThrownBy(() -> AnalysisWorker.builder(deals.analysis(), rules).pollInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
    }

    @Test
    void eightWorkersProcessTwoThousandRequestsEachExactlyOnce(Deals deals, Fixtures fixtures, TestDatabase test) throws Exception {
        List<UUID> users = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            users.add(fundedUser(deals, fixtures, 100 * CHARGE));
        }
        UUID deal = fixtures.deal().create().getId();
        clearQueue(deals);
        AtomicInteger next = new AtomicInteger();
        race(8, () -> {
            for (int index = next.getAndIncrement(); index < 2_000; index = next.getAndIncrement()) {
                deals.analysis().request(users.get(index % users.size()), AnalysisSubject.deal(deal), "deal_analysis");
            }
            return null;
        });
        Map<UUID, AtomicInteger> callsPerRequest = new ConcurrentHashMap<>();
        AnalysisProvider counting = call -> {
            callsPerRequest.computeIfAbsent(call.task().requestId(), id -> new AtomicInteger()).incrementAndGet();
            return new AnalysisOutcome("{\"worker\": \"" + call.task().workerId() + "\"}", 400 + call.task().prompt().length() % 100);
        };
        AtomicInteger worker = new AtomicInteger();

        List<Integer> processed = race(8, () -> AnalysisWorker.builder(deals.analysis(), counting).workerId("w" + worker.incrementAndGet()).build()
                .drain());

        assertThat(processed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_000);
        assertThat(processed).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(callsPerRequest).hasSize(2_000).allSatisfy((request, calls) -> assertThat(calls.get()).isOne());
        DSLContext owner = test.ownerDsl();
        assertThat(owner.fetchCount(AI_ANALYSIS_REQUESTS, AI_ANALYSIS_REQUESTS.STATUS.eq(org.agenticdeals.jooq.enums.AnalysisStatus.COMPLETED)
                .and(AI_ANALYSIS_REQUESTS.ATTEMPTS.eq(1)).and(AI_ANALYSIS_REQUESTS.USER_ID.in(users)))).isEqualTo(2_000);
        // Each user's 100 requests cost what their answers used: 400 to 499 tokens at 2.5 per 1,000 is 2 tokens each.
        for (UUID user : users) {
            assertThat(deals.ledger().balance(user).balance()).isEqualTo(100 * CHARGE - 100 * 2);
        }
        assertThat(deals.ledger().reconcileAll()).isEmpty();
    }

    @Test
    void requestsAreTheirUsersOwn(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID owner = fundedUser(deals, fixtures, 100);
        UUID stranger = fundedUser(deals, fixtures, 100);
        AnalysisRequest request = deals.analysis().request(owner, AnalysisSubject.deal(fixtures.deal().create().getId()), "deal_analysis");

        assertThat(deals.analysis().find(stranger, request.id())).isEmpty();
        assertThat(deals.analysis().list(stranger, PageRequest.first(10)).items()).isEmpty();
        assertThat(deals.analysis().list(owner, PageRequest.first(10)).items()).extracting(AnalysisRequest::id).containsExactly(request.id());
        // The application role, in the stranger's context, with no WHERE at all.
        Integer visible = test.dsl().transactionResult(configuration -> {
            configuration.dsl().execute("select set_config('app.current_user_id', ?, true)", stranger.toString());
            return configuration.dsl().fetchCount(AI_ANALYSIS_REQUESTS);
        });
        assertThat(visible).isZero();
    }

    @Test
    void aUsersRequestsPageNewestFirstWithoutGapsOrDuplicates(Fixtures fixtures, TestDatabase test) {
        var clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        Deals timed = test.deals(config -> config.clock(clock));
        UUID user = fundedUser(timed, fixtures, 100);
        UUID deal = fixtures.deal().create().getId();
        List<UUID> made = new ArrayList<>();
        for (int index = 0; index < 7; index++) {
            made.add(0, timed.analysis().request(user, AnalysisSubject.deal(deal), "deal_analysis").id());
            clock.advance(Duration.ofSeconds(index % 2));
        }
        List<AnalysisRequest> seen = new ArrayList<>();
        var page = timed.analysis().list(user, PageRequest.first(3));
        seen.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = timed.analysis().list(user, PageRequest.after(page.nextCursor().get(), 3));
            seen.addAll(page.items());
        }
        assertThat(seen).extracting(AnalysisRequest::id).containsExactlyInAnyOrderElementsOf(made).doesNotHaveDuplicates();
        // Newest first; requests of the same microsecond by id, as PostgreSQL orders uuids (their text's order).
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.comparing(AnalysisRequest::requestedAt)
                .thenComparing(request -> request.id().toString()).reversed());
        assertThat(seen.get(0).id()).isEqualTo(made.get(0));
    }

    /** A user whose tokens come from the ledger, so reconciliation holds. */
    private static UUID fundedUser(Deals deals, Fixtures fixtures, int tokens) {
        UUID admin = fixtures.user().admin().create().getId();
        UUID user = fixtures.user().create().getId();
        LedgerEntry grant = deals.ledger().adjust(admin, user, tokens, "test funds", "funds-" + user);
        assertThat(grant.balanceAfter()).isEqualTo(tokens);
        return user;
    }

    private static void awaitStatus(Deals deals, UUID user, UUID request, AnalysisStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (deals.analysis().find(user, request).orElseThrow().status() != status) {
            assertThat(System.nanoTime()).as("request %s reaches %s in time", request, status).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Fails every pending request other tests left, so a worker's count is this test's. */
    private static void clearQueue(Deals deals) {
        for (Optional<AnalysisTask> task = deals.analysis().claimNext("cleaner"); task.isPresent(); task = deals.analysis().claimNext("cleaner")) {
            deals.analysis().fail(task.get(), "cleared by another test");
        }
    }

    /** Claims until it gets {@code requestId} (other tests' requests may be queued too: they are failed out of the way). */
    private static AnalysisTask claim(Deals deals, UUID requestId, String workerId) {
        while (true) {
            Optional<AnalysisTask> task = deals.analysis().claimNext(workerId);
            assertThat(task).as("request %s is pending", requestId).isPresent();
            if (task.get().requestId().equals(requestId)) {
                return task.get();
            }
            deals.analysis().fail(task.get(), "cleared by another test");
        }
    }

    private static String prompt(TestDatabase test, UUID requestId) {
        return test.ownerDsl().select(AI_ANALYSIS_REQUESTS.PROMPT).from(AI_ANALYSIS_REQUESTS).where(AI_ANALYSIS_REQUESTS.ID.eq(requestId)).fetchSingle()
                .value1();
    }

    private static <T> List<T> race(int threads, java.util.concurrent.Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int index = 0; index < threads; index++) {
                futures.add(pool.submit(work));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
