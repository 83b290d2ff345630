package org.agenticdeals.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.agenticdeals.AuthenticationException;
import org.agenticdeals.Deals;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PasswordChangeTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void theNewPasswordWorksAndTheOldOneNoLonger(Deals deals, SeedData seed) {
        UUID carol = seed.user("carol@example.com").id();

        deals.users().changePassword(carol, SeedData.PASSWORD, "saffron-glacier-pilot");

        assertThat(deals.users().authenticate("carol@example.com", "saffron-glacier-pilot").id()).isEqualTo(carol);
        assertThatThrownBy(() -> deals.users().authenticate("carol@example.com", SeedData.PASSWORD)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aWrongCurrentPasswordChangesNothing(Deals deals, SeedData seed, TestDatabase test) {
        UUID dave = seed.user("dave@example.com").id();
        Object before = test.ownerDsl().fetchValue("SELECT hashed_password FROM deals.users WHERE id = ?", dave);

        assertThatThrownBy(() -> deals.users().changePassword(dave, "not-the-password", "saffron-glacier-pilot"))
                .isInstanceOf(AuthenticationException.class);
        assertThat(test.ownerDsl().fetchValue("SELECT hashed_password FROM deals.users WHERE id = ?", dave)).isEqualTo(before);
    }

    @Test
    void theNewPasswordMustFollowThePolicyAndDiffer(Deals deals, SeedData seed) {
        UUID erin = seed.user("erin@example.com").id();

        assertThatThrownBy(() -> deals.users().changePassword(erin, SeedData.PASSWORD, "short"))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("newPassword"));
        assertThatThrownBy(() -> deals.users().changePassword(erin, SeedData.PASSWORD, SeedData.PASSWORD))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.rule()).contains("differ"));
        assertThatThrownBy(() -> deals.users().changePassword(UUID.randomUUID(), SeedData.PASSWORD, "saffron-glacier-pilot"))
                .isInstanceOf(NotFoundException.class);
    }
}
