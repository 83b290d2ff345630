package org.agenticdeals.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.analysis.AnalysisRequest;
import org.agenticdeals.analysis.AnalysisStatus;
import org.agenticdeals.analysis.AnalysisSubject;
import org.agenticdeals.analysis.AnalysisTask;
import org.agenticdeals.catalog.DealInput;
import org.agenticdeals.jooq.enums.SourceStatus;
import org.agenticdeals.ledger.LedgerEntry;
import org.agenticdeals.sharing.NewShare;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The library's {@code lockTimeout} and {@code statementTimeout} at work: a lock another session holds, or a statement
 * that does not finish, ends the call with a {@code TIMEOUT} {@link DealsDataAccessException} carrying 55P03 or 57014,
 * retryable, after one attempt (timeouts are not among the failures the library retries), writing nothing; the same
 * call succeeds once the lock is gone. "Not a hang" is asserted only as an upper bound far above the timeouts.
 */
@Tag("reliability")
class TimeoutTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(300);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(300);
    private static final long HANG_MILLIS = 30_000;

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void aBalanceRowLockedElsewhereEndsADebitWithALockTimeoutAfterOneAttempt(TestDatabase test, SeedData seed, Fixtures fixtures) throws Exception {
        Deals deals = impatient(test);
        UUID user = fundedUser(deals, seed, fixtures);
        UUID request = UUID.randomUUID();
        AttemptCounter attempts = AttemptCounter.on(test, "user_token_balances", "update", 0);

        RowLock.whileHeld(test, "select 1 from deals.user_token_balances where user_id = ? for update", new Object[] {user},
                () -> expectTimeout("55P03", () -> deals.ledger().chargeAiUsage(user, 5, request)));

        assertThat(attempts.count()).as("statements that waited for the lock: the library did not retry").isEqualTo(1);
        assertThat(keys(test, "ai_usage:" + request)).as("nothing written").isZero();
        LedgerEntry charged = deals.ledger().chargeAiUsage(user, 5, request);
        assertThat(charged.replayed()).isFalse();
        assertThat(keys(test, "ai_usage:" + request)).isEqualTo(1);
    }

    @Test
    void aSlowStatementEndsWithAStatementTimeoutAfterOneAttempt(TestDatabase test, SeedData seed, Fixtures fixtures) {
        Deals deals = test.deals(builder -> builder.statementTimeout(STATEMENT_TIMEOUT).maxTransactionRetries(10));
        UUID user = fundedUser(deals, seed, fixtures);
        UUID request = UUID.randomUUID();
        // Every insert into the ledger now takes 20 seconds, far beyond the statement timeout.
        AttemptCounter attempts = AttemptCounter.on(test, "token_transactions", "insert", 20_000);

        expectTimeout("57014", () -> deals.ledger().chargeAiUsage(user, 5, request));

        assertThat(attempts.count()).as("statements started: the library did not retry").isEqualTo(1);
        attempts.remove();
        assertThat(keys(test, "ai_usage:" + request)).as("nothing written").isZero();
        assertThat(deals.ledger().chargeAiUsage(user, 5, request).replayed()).isFalse();
    }

    @Test
    void aSourceLockedElsewhereEndsAnIngestionWithALockTimeoutAndNoDealOfTheBatch(TestDatabase test, SeedData seed) throws Exception {
        Deals deals = impatient(test);
        UUID source = seed.sources().stream().filter(candidate -> candidate.status() == SourceStatus.ACTIVE).findFirst().orElseThrow().id();
        List<DealInput> batch = new ArrayList<>();
        for (int item = 0; item < 5; item++) {
            batch.add(new DealInput("Timeout lamp " + item, null, "https://timeout.example.com/lamp/" + item, null, new BigDecimal("50.00"),
                    new BigDecimal("40.00"), seed.market("Target").id(), null, null));
        }

        RowLock.whileHeld(test, "select 1 from deals.sources where id = ? for update", new Object[] {source},
                () -> expectTimeout("55P03", () -> deals.catalog().ingest(source, batch)));

        assertThat(dealsAt(test, "https://timeout.example.com/lamp/")).isZero();
        assertThat(deals.catalog().ingest(source, batch).inserted()).isEqualTo(5);
    }

    @Test
    void aShareLockedElsewhereEndsAResolveWithALockTimeoutAndNoClick(TestDatabase test, SeedData seed) throws Exception {
        Deals deals = impatient(test);
        var share = deals.sharing().share(seed.regularUsers().get(0).id(), NewShare.byLink(ActiveDeals.of(test).get(0)));

        RowLock.whileHeld(test, "select 1 from deals.shared_deals where id = ? for update", new Object[] {share.id()},
                () -> expectTimeout("55P03", () -> deals.sharing().resolve(share.publicLinkId())));

        assertThat(test.ownerDsl().fetchValue("select click_count from deals.shared_deals where id = ?", share.id())).isEqualTo(0);
        deals.sharing().resolve(share.publicLinkId());
        assertThat(test.ownerDsl().fetchValue("select click_count from deals.shared_deals where id = ?", share.id())).isEqualTo(1);
    }

    @Test
    void aMatchesTableLockedByAMigrationEndsAMatchingRunWithALockTimeout(TestDatabase test, SeedData seed) throws Exception {
        Deals deals = impatient(test);

        RowLock.whileHeld(test, "lock table deals.goal_deals in access exclusive mode", new Object[0],
                () -> expectTimeout("55P03", () -> deals.goals().matchNewDeals(seed.deals())));

        deals.goals().matchNewDeals(seed.deals());
    }

    @Test
    void aRequestLockedElsewhereEndsItsCompletionWithALockTimeoutAndItIsCompletedOnceAfter(TestDatabase test, SeedData seed, Fixtures fixtures)
            throws Exception {
        Deals deals = impatient(test);
        UUID user = fundedUser(deals, seed, fixtures);
        AnalysisRequest request = deals.analysis().request(user, AnalysisSubject.deal(ActiveDeals.of(test).get(0)), "deal_analysis");
        AnalysisTask task = deals.analysis().claimNext("timeout-worker").orElseThrow();
        assertThat(task.requestId()).isEqualTo(request.id());

        RowLock.whileHeld(test, "select 1 from deals.ai_analysis_requests where id = ? for update", new Object[] {request.id()},
                () -> expectTimeout("55P03", () -> deals.analysis().complete(task, "{\"verdict\": \"wait\"}", task.model().name(), 1_000)));

        assertThat(deals.analysis().find(user, request.id()).orElseThrow().status()).isEqualTo(AnalysisStatus.PROCESSING);
        AnalysisRequest completed = deals.analysis().complete(task, "{\"verdict\": \"wait\"}", task.model().name(), 1_000);
        assertThat(completed.status()).isEqualTo(AnalysisStatus.COMPLETED);
        assertThat(new Invariants(deals, test).analysis(List.of(user))).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A Deals that waits {@link #LOCK_TIMEOUT} for a lock and would retry conflicts ten times (it must not retry timeouts). */
    private static Deals impatient(TestDatabase test) {
        return test.deals(builder -> builder.lockTimeout(LOCK_TIMEOUT).maxTransactionRetries(10));
    }

    private static void expectTimeout(String sqlState, ThrowingCallable call) {
        long started = System.nanoTime();
        assertThatThrownBy(call).isInstanceOfSatisfying(DealsDataAccessException.class, timeout -> {
            assertThat(timeout.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(timeout.sqlState()).contains(sqlState);
            assertThat(timeout.retryable()).isTrue();
        });
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds until the call failed: not a hang").isLessThan(HANG_MILLIS);
    }

    private static UUID fundedUser(Deals deals, SeedData seed, Fixtures fixtures) {
        UUID user = fixtures.user().create().getId();
        deals.ledger().adjust(seed.admin().id(), user, 500, "timeout test funds", "funds-" + user);
        return user;
    }

    private static long keys(TestDatabase test, String key) {
        return test.ownerDsl().fetchValue("select count(*) from deals.token_transaction_keys where idempotency_key = ?", key) instanceof Long count
                ? count : -1;
    }

    private static long dealsAt(TestDatabase test, String urlPrefix) {
        return test.ownerDsl().fetchValue("select count(*) from deals.deals where starts_with(url, ?)", urlPrefix) instanceof Long count ? count : -1;
    }
}
