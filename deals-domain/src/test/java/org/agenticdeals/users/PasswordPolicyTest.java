package org.agenticdeals.users;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.agenticdeals.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(10);

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "Tr0ub4dor&3-plus", "ünïcödé-pässwörd", "🔑🔒🗝️🔓-vault"})
    void acceptsReasonablePasswords(String password) {
        assertThatCode(() -> policy.check("password", password, "someone@example.com")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nine-char", "PASSWORD123", "qwertyuiop", "zzzzzzzzzzzz", "abababababab", "someone-secret-1",
            "someone@example.com!"})
    void refusesTheObvious(String password) {
        assertThatThrownBy(() -> policy.check("password", password, "someone@example.com")).isInstanceOf(ValidationException.class);
    }

    @Test
    void seventyTwoBytesIsTheLimitNotSeventyTwoCharacters() {
        assertThatCode(() -> policy.check("password", "a1b2c3d4e5".repeat(7) + "xy", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("password", "a1b2c3d4e5".repeat(7) + "xyz", null)).hasMessageContaining("72 bytes");
        assertThatThrownBy(() -> policy.check("password", "é1b2c3d4e5".repeat(7) + "xy", null)).hasMessageContaining("72 bytes");
    }

    @Test
    void refusesControlCharactersAndLoneSurrogates() {
        assertThatThrownBy(() -> policy.check("password", "nul\u0000-in-the-middle", null)).hasMessageContaining("printable");
        assertThatThrownBy(() -> policy.check("password", "half-a-pair-\uD83D-here", null)).hasMessageContaining("printable");
    }
}
