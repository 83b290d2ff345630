package org.agenticdeals.users;

import static org.agenticdeals.jooq.Tables.NOTIFICATION_SETTINGS;
import static org.agenticdeals.jooq.Tables.USERS;
import static org.agenticdeals.jooq.Tables.USER_PREFERENCES;
import static org.agenticdeals.jooq.Tables.USER_TOKEN_BALANCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.agenticdeals.ConflictException;
import org.agenticdeals.Deals;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.ValidationException;
import org.agenticdeals.support.RowCounts;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationTest {

    private static final String PASSWORD = "violet-harbour-lantern";

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    @Test
    void registrationCreatesTheUserTheirDefaultsAndABalanceInOneGo(Deals deals, TestDatabase test) throws Exception {
        RegisteredUser registered = deals.users().register(new Registration("  New.Person@Example.COM ", PASSWORD, "New Person"));

        User user = registered.user();
        assertThat(user.email()).isEqualTo("new.person@example.com");
        assertThat(user.role()).isEqualTo(Role.USER);
        assertThat(user.active()).isTrue();
        assertThat(user.verified()).isFalse();
        var owner = test.ownerDsl();
        var stored = owner.selectFrom(USERS).where(USERS.ID.eq(user.id())).fetchOne();
        assertThat(BCrypt.verifyer().verify(PASSWORD.toCharArray(), stored.getHashedPassword()).verified).isTrue();
        assertThat(stored.getHashedPassword()).startsWith("$2a$04$");
        assertThat(registered.verificationToken()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(stored.getVerificationToken()).isEqualTo(sha256(registered.verificationToken()));
        assertThat(owner.fetchCount(USER_PREFERENCES, USER_PREFERENCES.USER_ID.eq(user.id()))).isOne();
        assertThat(owner.fetchCount(NOTIFICATION_SETTINGS, NOTIFICATION_SETTINGS.USER_ID.eq(user.id()))).isOne();
        assertThat(owner.fetchValue(USER_TOKEN_BALANCES.BALANCE, USER_TOKEN_BALANCES.USER_ID.eq(user.id()))).isZero();
        assertThat(registered.toString()).doesNotContain(registered.verificationToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-address", "a@b", "two@@example.com", "spaces in@example.com", "dot.@example.com",
            "x@[127.0.0.1]", "   ", "trailing@example.com.", "nul\u0000@example.com"})
    void aMalformedAddressIsRefusedAndNothingIsWritten(String email, Deals deals, TestDatabase test) {
        Map<String, Long> before = RowCounts.of(test);

        assertThatThrownBy(() -> deals.users().register(new Registration(email, PASSWORD, null)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("email"));
        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "short|must be at least 10 characters",
            "password123|is too common",
            "Summer2026|is too common",
            "aaaaaaaaaaab|must use at least 4 different characters",
            "new.person-rocks!|must not contain the e-mail address",
            "tab\tinside-password|must contain only printable characters"})
    void aPasswordThatBreaksThePolicyIsRefusedWithTheRuleAndNeverEchoed(String password, String rule, Deals deals, TestDatabase test) {
        Map<String, Long> before = RowCounts.of(test);

        assertThatThrownBy(() -> deals.users().register(new Registration("new.person@example.com", password, null)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("password");
                    assertThat(refused.rule()).startsWith(rule);
                    assertThat(refused.getMessage()).doesNotContain(password);
                });
        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @Test
    void aPasswordLongerThanBcryptsSeventyTwoBytesIsRefused(Deals deals) {
        String thirtyEmoji = "\uD83D\uDD11".repeat(19);

        assertThatThrownBy(() -> deals.users().register(new Registration("long@example.com", thirtyEmoji, null)))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.rule()).contains("72 bytes"));
    }

    @Test
    void anAddressRegisteredInAnyLetterCaseIsAConflict(Deals deals, TestDatabase test) {
        Map<String, Long> before = RowCounts.of(test);

        assertThatThrownBy(() -> deals.users().register(new Registration("ALICE@example.com", PASSWORD, null)))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> {
                    assertThat(conflict.field()).isEqualTo("email");
                    assertThat(conflict.code()).isEqualTo(ErrorCode.CONFLICT);
                });
        assertThat(RowCounts.of(test)).isEqualTo(before);
    }

    @Test
    void aNameThatIsTooLongOrHasControlCharactersIsRefused(Deals deals) {
        assertThatThrownBy(() -> deals.users().register(new Registration("named@example.com", PASSWORD, "x".repeat(256))))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("name"));
        assertThatThrownBy(() -> deals.users().register(new Registration("named@example.com", PASSWORD, "bell\u0007")))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.rule()).contains("control characters"));
    }

    static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
