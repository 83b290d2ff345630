package org.agenticdeals.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.agenticdeals.AuthenticationException;
import org.agenticdeals.Deals;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.ValidationException;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthenticationTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void theRightPasswordAuthenticatesInAnyLetterCaseOfTheAddress(Deals deals, SeedData seed) {
        User alice = deals.users().authenticate("  Alice@Example.com ", SeedData.PASSWORD);

        assertThat(alice.id()).isEqualTo(seed.user("alice@example.com").id());
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressAreTheSameRefusal(Deals deals) {
        assertRefused(() -> deals.users().authenticate("alice@example.com", "not-the-password"), ErrorCode.BAD_CREDENTIALS);
        assertRefused(() -> deals.users().authenticate("nobody@example.com", SeedData.PASSWORD), ErrorCode.BAD_CREDENTIALS);
        assertRefused(() -> deals.users().authenticate("not an address", SeedData.PASSWORD), ErrorCode.BAD_CREDENTIALS);
        assertRefused(() -> deals.users().authenticate("alice@example.com", ""), ErrorCode.BAD_CREDENTIALS);
        assertRefused(() -> deals.users().authenticate("alice@example.com", "x".repeat(10_000)), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void aDeactivatedAccountIsRefusedOnlyWithTheRightPassword(Deals deals) {
        assertRefused(() -> deals.users().authenticate("ivan@example.com", SeedData.PASSWORD), ErrorCode.ACCOUNT_INACTIVE);
        assertRefused(() -> deals.users().authenticate("ivan@example.com", "wrong-password-here"), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void aHashOfAnotherCostIsReplacedAtLogIn(TestDatabase test, SeedData seed) {
        Deals costFive = test.deals(builder -> builder.bcryptCost(5));
        String query = "SELECT hashed_password FROM deals.users WHERE id = ?";
        var bob = seed.user("bob@example.com").id();
        assertThat(test.ownerDsl().fetchValue(query, bob).toString()).startsWith("$2a$04$");

        costFive.users().authenticate("bob@example.com", SeedData.PASSWORD);

        assertThat(test.ownerDsl().fetchValue(query, bob).toString()).startsWith("$2a$05$");
        assertThat(costFive.users().authenticate("bob@example.com", SeedData.PASSWORD).id()).isEqualTo(bob);
    }

    @Test
    void aMissingAddressIsAValidationErrorNotACredentialCheck(Deals deals) {
        assertThatThrownBy(() -> deals.users().findByEmail(null)).isInstanceOf(ValidationException.class);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthenticationException.class, refused -> assertThat(refused.code()).isEqualTo(code));
    }
}
