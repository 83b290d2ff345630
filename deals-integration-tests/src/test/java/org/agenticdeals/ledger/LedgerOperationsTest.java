package org.agenticdeals.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.agenticdeals.ConflictException;
import org.agenticdeals.Deals;
import org.agenticdeals.InsufficientTokensException;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.Page;
import org.agenticdeals.PageRequest;
import org.agenticdeals.PermissionDeniedException;
import org.agenticdeals.RedemptionRefusedException;
import org.agenticdeals.RedemptionRefusedException.Reason;
import org.agenticdeals.RefundRefusedException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LedgerOperationsTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void aPurchaseCreditsThePackageAndRecordsThePricePaidAfterDiscount(Deals deals, SeedData seed, TestDatabase test) {
        UUID user = seed.user("alice@example.com").id();
        int before = deals.ledger().balance(user).balance();
        SeedData.TokenPackage standard = seed.packages().get(1);

        LedgerEntry entry = deals.ledger().purchase(user, standard.id(), "pay_123");

        assertThat(entry.amount()).isEqualTo(500);
        assertThat(entry.balanceAfter()).isEqualTo(before + 500);
        assertThat(deals.ledger().balance(user).balance()).isEqualTo(before + 500);
        var metadata = test.ownerDsl().fetchOne("SELECT metadata ->> 'price_paid_usd', metadata ->> 'price_usd' FROM deals.token_transactions WHERE id = ?",
                entry.id());
        assertThat(metadata.get(0, String.class)).isEqualTo("17.99");
        assertThat(metadata.get(1, String.class)).isEqualTo("19.99");
    }

    @Test
    void repeatingAnIdempotencyKeyReturnsTheOriginalAndChangesNothing(Deals deals, SeedData seed, TestDatabase test) {
        UUID user = seed.user("bob@example.com").id();
        UUID starter = seed.packages().get(0).id();
        LedgerEntry first = deals.ledger().purchase(user, starter, "pay_once");
        Map<String, Long> after = RowCounts.of(test);
        Balance balance = deals.ledger().balance(user);

        LedgerEntry again = deals.ledger().purchase(user, starter, "pay_once");

        assertThat(again.replayed()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.balanceAfter()).isEqualTo(first.balanceAfter());
        assertThat(RowCounts.of(test)).isEqualTo(after);
        assertThat(deals.ledger().balance(user)).isEqualTo(balance);
    }

    @Test
    void aKeyReusedForAnotherOperationOrByAnotherUserIsAConflict(Deals deals, SeedData seed) {
        UUID alice = seed.user("alice@example.com").id();
        UUID bob = seed.user("bob@example.com").id();
        deals.ledger().purchase(alice, seed.packages().get(0).id(), "pay_shared");

        assertThatThrownBy(() -> deals.ledger().purchase(alice, seed.packages().get(1).id(), "pay_shared"))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("idempotencyKey"));
        assertThatThrownBy(() -> deals.ledger().purchase(bob, seed.packages().get(0).id(), "pay_shared"))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("idempotencyKey"));
    }

    @Test
    void anInactiveOrUnknownPackageIsNotFound(Deals deals, SeedData seed, TestDatabase test) {
        UUID user = seed.user("carol@example.com").id();
        Map<String, Long> before = RowCounts.of(test);

        assertThatThrownBy(() -> deals.ledger().purchase(user, seed.packages().get(3).id(), "pay_retired")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.ledger().purchase(user, UUID.randomUUID(), "pay_unknown")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deals.ledger().purchase(user, seed.packages().get(0).id(), " ")).isInstanceOf(ValidationException.class);
        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @Test
    void aChargeBeyondTheBalanceIsRefusedWithTheBalanceAndNothingIsWritten(Deals deals, Fixtures fixtures, TestDatabase test) {
        UUID user = fixtures.user().create().getId();
        deals.ledger().adjust(adminOf(fixtures), user, 30, "starting credit", "start-" + user);
        Map<String, Long> before = RowCounts.of(test);

        assertThatThrownBy(() -> deals.ledger().chargeAiUsage(user, 31, UUID.randomUUID()))
                .isInstanceOfSatisfying(InsufficientTokensException.class, refused -> {
                    assertThat(refused.balance()).isEqualTo(30);
                    assertThat(refused.requested()).isEqualTo(31);
                });
        assertThat(RowCounts.of(test)).isEqualTo(before);
        assertThat(deals.ledger().chargeAiUsage(user, 30, UUID.randomUUID()).balanceAfter()).isZero();
        assertThatThrownBy(() -> deals.ledger().chargeAiUsage(user, 0, UUID.randomUUID())).isInstanceOf(ValidationException.class);
    }

    @Test
    void refundsNeverExceedTheChargeInTotal(Deals deals, Fixtures fixtures) {
        UUID user = fixtures.user().create().getId();
        deals.ledger().adjust(adminOf(fixtures), user, 100, "starting credit", "start-" + user);
        LedgerEntry charge = deals.ledger().chargeAiUsage(user, 40, UUID.randomUUID());

        assertThat(deals.ledger().refund(charge.id(), 25, "refund-1").balanceAfter()).isEqualTo(85);
        assertThatThrownBy(() -> deals.ledger().refund(charge.id(), 16, "refund-2"))
                .isInstanceOfSatisfying(RefundRefusedException.class, refused -> assertThat(refused.refundable()).isEqualTo(15));
        assertThat(deals.ledger().refund(charge.id(), 15, "refund-3").balanceAfter()).isEqualTo(100);
        assertThat(deals.ledger().refund(charge.id(), 25, "refund-1").replayed()).isTrue();
        LedgerEntry credit = deals.ledger().adjust(adminOf(fixtures), user, 5, "gift", "gift-" + user);
        assertThatThrownBy(() -> deals.ledger().refund(credit.id(), 1, "refund-credit")).isInstanceOf(RefundRefusedException.class);
        assertThatThrownBy(() -> deals.ledger().refund(UUID.randomUUID(), 1, "refund-nothing")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCodeIsRedeemedOncePerUserAndRefusedWithTheReason(Deals deals, SeedData seed) {
        UUID alice = seed.user("alice@example.com").id();
        int before = deals.ledger().balance(alice).balance();

        LedgerEntry redeemed = deals.ledger().redeem(alice, "welcome50", "redeem-alice-1");

        assertThat(redeemed.amount()).isEqualTo(50);
        assertThat(redeemed.balanceAfter()).isEqualTo(before + 50);
        assertThat(deals.ledger().redeem(alice, "WELCOME50", "redeem-alice-1").replayed()).isTrue();
        assertRefused(() -> deals.ledger().redeem(alice, "WELCOME50", "redeem-alice-2"), Reason.ALREADY_REDEEMED);
        assertRefused(() -> deals.ledger().redeem(alice, "SPRING25", "k1"), Reason.EXPIRED);
        assertRefused(() -> deals.ledger().redeem(alice, "LAUNCH10", "k2"), Reason.EXHAUSTED);
        assertRefused(() -> deals.ledger().redeem(alice, "RETIRED5", "k3"), Reason.INACTIVE);
        assertRefused(() -> deals.ledger().redeem(alice, "NO-SUCH-CODE", "k4"), Reason.NOT_FOUND);
        assertThatThrownBy(() -> deals.ledger().redeem(alice, "x'; DROP TABLE users; --", "k5")).isInstanceOf(ValidationException.class);
    }

    @Test
    void bonusesAreGrantedOnce(Deals deals, Fixtures fixtures) {
        UUID referrer = fixtures.user().create().getId();
        UUID referee = fixtures.user().create().getId();

        LedgerEntry signup = deals.ledger().grantSignupBonus(referee);
        ReferralBonus referral = deals.ledger().grantReferralBonus(referrer, referee);

        assertThat(signup.amount()).isEqualTo(50);
        assertThat(deals.ledger().grantSignupBonus(referee).replayed()).isTrue();
        assertThat(referral.referrer().amount()).isEqualTo(25);
        assertThat(referral.referee().balanceAfter()).isEqualTo(75);
        ReferralBonus again = deals.ledger().grantReferralBonus(referrer, referee);
        assertThat(again.referrer().replayed()).isTrue();
        assertThat(again.referee().id()).isEqualTo(referral.referee().id());
        assertThat(deals.ledger().balance(referee).balance()).isEqualTo(75);
        assertThatThrownBy(() -> deals.ledger().grantReferralBonus(referrer, referrer)).isInstanceOf(ValidationException.class);
    }

    @Test
    void onlyAnAdminAdjustsAndTheAdjustmentIsAudited(Deals deals, SeedData seed, TestDatabase test) {
        UUID admin = seed.admin().id();
        UUID dave = seed.user("dave@example.com").id();
        int before = deals.ledger().balance(dave).balance();

        assertThatThrownBy(() -> deals.ledger().adjust(seed.user("erin@example.com").id(), dave, 10, "nice try", "k-erin"))
                .isInstanceOf(PermissionDeniedException.class);
        LedgerEntry adjustment = deals.ledger().adjust(admin, dave, -5, "correction of a double credit", "k-admin");

        assertThat(adjustment.balanceAfter()).isEqualTo(before - 5);
        var audit = test.ownerDsl().fetchOne("SELECT actor_id, (old_values ->> 'balance')::int, (new_values ->> 'balance')::int,"
                + " new_values ->> 'description' FROM deals.audit_log WHERE action = 'tokens.admin_adjustment' AND row_id = ?", dave.toString());
        assertThat(audit.get(0, UUID.class)).isEqualTo(admin);
        assertThat(audit.get(1, Integer.class)).isEqualTo(before);
        assertThat(audit.get(2, Integer.class)).isEqualTo(before - 5);
        assertThat(audit.get(3, String.class)).isEqualTo("correction of a double credit");
        assertThatThrownBy(() -> deals.ledger().adjust(admin, dave, -1_000_000, "too much", "k-too-much"))
                .isInstanceOf(InsufficientTokensException.class);
    }

    @Test
    void theStatementPagesNewestFirstAndFilters(Deals deals, Fixtures fixtures) {
        UUID user = fixtures.user().create().getId();
        UUID admin = adminOf(fixtures);
        deals.ledger().adjust(admin, user, 500, "start", "start-" + user);
        for (int charge = 0; charge < 12; charge++) {
            deals.ledger().chargeAiUsage(user, charge + 1, UUID.randomUUID());
        }

        var seen = new ArrayList<LedgerEntry>();
        PageRequest request = PageRequest.first(5);
        while (true) {
            Page<LedgerEntry> page = deals.ledger().statement(user, StatementFilter.all(), request);
            seen.addAll(page.items());
            if (!page.hasMore()) {
                break;
            }
            request = PageRequest.after(page.nextCursor().orElseThrow(), 5);
        }
        assertThat(seen).hasSize(13).extracting(LedgerEntry::id).doesNotHaveDuplicates();
        assertThat(seen.get(0).amount()).isEqualTo(-12);
        assertThat(deals.ledger().statement(user, StatementFilter.all().withTypes(Set.of(TransactionType.ADMIN_ADJUSTMENT)), PageRequest.first(50))
                .items()).extracting(LedgerEntry::amount).containsExactly(500);
        assertThat(deals.ledger().statement(user, StatementFilter.all().between(Instant.EPOCH, Instant.EPOCH.plusSeconds(1)), PageRequest.first(50))
                .items()).isEmpty();
    }

    @Test
    void theSeededLedgerReconcilesAndEveryBalanceEqualsItsLedger(Deals deals, SeedData seed) {
        assertThat(deals.ledger().reconcileAll()).isEmpty();
        Reconciliation alice = deals.ledger().reconcile(seed.user("alice@example.com").id());
        assertThat(alice.clean()).isTrue();
        assertThat(alice.sumOfAmounts()).isEqualTo(alice.balance());
    }

    @Test
    void reconcileReportsABalanceTamperedWithBehindTheLedgersBack(Deals deals, SeedData seed, TestDatabase test) {
        UUID bob = seed.user("bob@example.com").id();
        test.ownerDsl().execute("UPDATE deals.user_token_balances SET balance = balance + 1, lifetime_earned = lifetime_earned + 1 WHERE user_id = ?",
                bob);

        assertThat(deals.ledger().reconcileAll()).singleElement().satisfies(report -> {
            assertThat(report.userId()).isEqualTo(bob);
            assertThat(report.balance()).isEqualTo(report.sumOfAmounts() + 1);
            assertThat(report.clean()).isFalse();
        });
    }

    @Test
    void adminsCreateAndDeactivateCodesAndBothAreAudited(Deals deals, SeedData seed, TestDatabase test) {
        UUID admin = seed.admin().id();
        UUID erin = seed.user("erin@example.com").id();

        RedemptionCode created = deals.ledger().createCode(admin, new NewRedemptionCode("black-friday-26", 40, 100, Instant.parse("2099-01-01T00:00:00Z")));

        assertThat(created.code()).isEqualTo("BLACK-FRIDAY-26");
        assertThat(deals.ledger().redeem(erin, "Black-Friday-26", "bf-erin").amount()).isEqualTo(40);
        assertThatThrownBy(() -> deals.ledger().createCode(admin, new NewRedemptionCode("BLACK-FRIDAY-26", 5, 1, null)))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> assertThat(conflict.field()).isEqualTo("code"));
        assertThatThrownBy(() -> deals.ledger().createCode(erin, new NewRedemptionCode("MINE-ONLY", 5, 1, null)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> deals.ledger().createCode(admin, new NewRedemptionCode("no spaces!", 5, 1, null)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("code"));
        assertThatThrownBy(() -> deals.ledger().createCode(admin, new NewRedemptionCode("PAST-CODE", 5, 1, Instant.parse("2020-01-01T00:00:00Z"))))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("expiresAt"));

        assertThat(deals.ledger().deactivateCode(admin, created.id()).active()).isFalse();
        assertRefused(() -> deals.ledger().redeem(seed.user("frank@example.com").id(), "BLACK-FRIDAY-26", "bf-frank"), Reason.INACTIVE);
        assertThat(test.ownerDsl().fetchValues("SELECT action FROM deals.audit_log WHERE row_id = ? ORDER BY id", created.id().toString())
                .stream().map(String::valueOf).toList())
                .containsExactly("redemption_code.created", "redemption_code.deactivated");
        assertThat(test.ownerDsl().fetchValue("SELECT DISTINCT actor_id FROM deals.audit_log WHERE row_id = ?", created.id().toString()))
                .isEqualTo(admin);
    }

    private static UUID adminOf(Fixtures fixtures) {
        return fixtures.user().admin().create().getId();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RedemptionRefusedException.class, refused -> assertThat(refused.reason()).isEqualTo(reason));
    }
}
