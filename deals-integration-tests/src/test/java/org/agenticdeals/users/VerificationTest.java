package org.agenticdeals.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.agenticdeals.Deals;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.VerificationException;
import org.agenticdeals.support.MutableClock;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.agenticdeals.testkit.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VerificationTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void theTokenVerifiesTheAddressOnceAndOnlyOnce(TestDatabase test) {
        Deals deals = test.deals(builder -> builder.clock(clock));
        RegisteredUser registered = deals.users().register(new Registration("verify@example.com", "marble-staircase-echo", null));

        User verified = deals.users().verifyEmail(registered.verificationToken());

        assertThat(verified.verified()).isTrue();
        assertThat(test.ownerDsl().fetchValue("SELECT verification_token FROM deals.users WHERE id = ?", registered.user().id())).isNull();
        assertRefused(() -> deals.users().verifyEmail(registered.verificationToken()), ErrorCode.VERIFICATION_TOKEN_INVALID);
    }

    @Test
    void wrongMalformedAndMissingTokensAreRefused(Deals deals) {
        assertRefused(() -> deals.users().verifyEmail("A".repeat(43)), ErrorCode.VERIFICATION_TOKEN_INVALID);
        assertRefused(() -> deals.users().verifyEmail("not a token"), ErrorCode.VERIFICATION_TOKEN_INVALID);
        assertRefused(() -> deals.users().verifyEmail(null), ErrorCode.VERIFICATION_TOKEN_INVALID);
        assertRefused(() -> deals.users().verifyEmail("' OR 1=1 --" + "x".repeat(32)), ErrorCode.VERIFICATION_TOKEN_INVALID);
    }

    @Test
    void anExpiredTokenIsRefusedAndANewOneWorks(TestDatabase test) {
        Deals deals = test.deals(builder -> builder.clock(clock).verificationTokenTtl(Duration.ofHours(24)));
        RegisteredUser registered = deals.users().register(new Registration("late@example.com", "granite-orchard-velvet", null));
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        assertRefused(() -> deals.users().verifyEmail(registered.verificationToken()), ErrorCode.VERIFICATION_TOKEN_EXPIRED);

        String fresh = deals.users().requestVerificationToken(registered.user().id());
        assertRefused(() -> deals.users().verifyEmail(registered.verificationToken()), ErrorCode.VERIFICATION_TOKEN_INVALID);
        assertThat(deals.users().verifyEmail(fresh).verified()).isTrue();
    }

    @Test
    void aVerifiedUserGetsNoNewToken(Deals deals, SeedData seed) {
        assertRefused(() -> deals.users().requestVerificationToken(seed.user("alice@example.com").id()), ErrorCode.ALREADY_VERIFIED);
        assertThatThrownBy(() -> deals.users().requestVerificationToken(java.util.UUID.randomUUID())).isInstanceOf(NotFoundException.class);
        assertThat(deals.users().requestVerificationToken(seed.user("judy@example.com").id())).hasSize(43);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class, refused -> assertThat(refused.code()).isEqualTo(code));
    }
}
