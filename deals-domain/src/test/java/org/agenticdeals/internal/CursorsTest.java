package org.agenticdeals.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.agenticdeals.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {

    @Test
    void aCursorRoundTripsToTheMicrosecond() {
        Instant time = Instant.parse("2026-11-25T10:15:30.123456Z");
        UUID id = UUID.randomUUID();

        Cursors.Position position = Cursors.decode("page.cursor", Cursors.encode(time, id));

        assertThat(position).isEqualTo(new Cursors.Position(time, id));
        assertThat(Cursors.encode(time, id)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void timesBeforeTheEpochRoundTripToo() {
        Instant time = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(Cursors.decode("c", Cursors.encode(time, new UUID(0, 1))).time()).isEqualTo(time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64 !", "djE6MTox", "djI6MTIzOjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMQ"})
    void aForgedCursorIsRefused(String cursor) {
        assertThatThrownBy(() -> Cursors.decode("page.cursor", cursor))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.field()).isEqualTo("page.cursor"));
    }
}
