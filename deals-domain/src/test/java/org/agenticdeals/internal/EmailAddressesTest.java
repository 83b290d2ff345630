package org.agenticdeals.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.agenticdeals.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "alice@example.com, alice@example.com",
            "'  Alice@Example.COM  ', alice@example.com",
            "first.last+tag@sub.example.co.uk, first.last+tag@sub.example.co.uk",
            "o'brien@example.ie, o'brien@example.ie"})
    void normalizesValidAddresses(String input, String normalized) {
        assertThat(EmailAddresses.normalize("email", input)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plainaddress", "@example.com", "alice@", "alice@@example.com", "first@last@example.com", "alice@example",
            "alice@-example.com", "alice..dots@example.com", "\"quoted identifier\" <a@example.com>", "alice@[192.168.0.1]", "a b@example.com"})
    void refusesInvalidAddresses(String input) {
        assertThatThrownBy(() -> EmailAddresses.normalize("email", input))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("email"));
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 10_000_000})
    void refusesOverlongAddressesWithoutEchoingThem(int length) {
        String huge = "a".repeat(length) + "@example.com";
        assertThatThrownBy(() -> EmailAddresses.normalize("email", huge))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.getMessage()).hasSizeLessThan(200));
    }
}
