package org.agenticdeals.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.agenticdeals.Deals;
import org.agenticdeals.support.MutableClock;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExpiryTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.empty();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    @Test
    void unspentPromotionalTokensExpireAndSpendingTakesTheOldestFirst(TestDatabase test, Fixtures fixtures) {
        Deals deals = test.deals(builder -> builder.clock(clock).promotionalCreditLifetime(Duration.ofDays(30)));
        UUID admin = fixtures.user().admin().create().getId();
        UUID user = fixtures.user().create().getId();
        deals.ledger().adjust(admin, user, 100, "purchased elsewhere", "start-" + user);   // oldest: never expires
        clock.advance(Duration.ofDays(1));
        deals.ledger().grantSignupBonus(user);                                              // 50, expires in 30 days
        clock.advance(Duration.ofDays(1));
        deals.ledger().chargeAiUsage(user, 120, UUID.randomUUID());                          // takes 100 + 20 of the bonus

        clock.advance(Duration.ofDays(28));
        assertThat(deals.ledger().expire()).as("a day before the bonus lapses").isEqualTo(new ExpiryRun(0, 0, 0));
        clock.advance(Duration.ofDays(1));
        ExpiryRun run = deals.ledger().expire();

        assertThat(run).isEqualTo(new ExpiryRun(1, 30, 1));
        Balance balance = deals.ledger().balance(user);
        assertThat(balance.balance()).isZero();
        assertThat(balance.lifetimeSpent()).isEqualTo(150);
        assertThat(deals.ledger().expire()).as("a second run changes nothing").isEqualTo(new ExpiryRun(0, 0, 0));
        assertThat(deals.ledger().reconcileAll()).isEmpty();
    }

    @Test
    void aFullySpentCreditIsClosedWithoutAnExpiration(TestDatabase test, Fixtures fixtures) {
        Deals deals = test.deals(builder -> builder.clock(clock).promotionalCreditLifetime(Duration.ofDays(1)));
        UUID user = fixtures.user().create().getId();
        deals.ledger().grantSignupBonus(user);
        deals.ledger().chargeAiUsage(user, 50, UUID.randomUUID());
        clock.advance(Duration.ofDays(2));

        assertThat(deals.ledger().expire()).isEqualTo(new ExpiryRun(0, 0, 1));
        assertThat(test.ownerDsl().fetchValue("SELECT count(*) FROM deals.token_transactions WHERE transaction_type = 'expiration'"))
                .isEqualTo(0L);
    }

    @Test
    void onlyTheLapsedCreditExpiresAndALaterOneStaysWhole(TestDatabase test, Fixtures fixtures) {
        Deals deals = test.deals(builder -> builder.clock(clock).promotionalCreditLifetime(Duration.ofDays(10)));
        UUID user = fixtures.user().create().getId();
        String code = fixtures.redemptionCode().code("LATER-20").tokens(20).maxRedemptions(10).create().getCode();
        deals.ledger().grantSignupBonus(user);                        // 50, lapses at day 10
        clock.advance(Duration.ofDays(5));
        deals.ledger().redeem(user, code, "later-" + user);           // 20, lapses at day 15
        deals.ledger().chargeAiUsage(user, 10, UUID.randomUUID());     // from the bonus
        clock.advance(Duration.ofDays(6));

        ExpiryRun run = deals.ledger().expire();

        assertThat(run).isEqualTo(new ExpiryRun(1, 40, 1));
        assertThat(deals.ledger().balance(user).balance()).isEqualTo(20);
        clock.advance(Duration.ofDays(5));
        assertThat(deals.ledger().expire()).isEqualTo(new ExpiryRun(1, 20, 1));
        assertThat(deals.ledger().balance(user).balance()).isZero();
        assertThat(deals.ledger().reconcileAll()).isEmpty();
    }
}
