package org.agenticdeals.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuietHoursTest {

    @ParameterizedTest(name = "{0}-{1} in {2} at {3}: {4}")
    @CsvSource({
            // A window inside one day: start inclusive, end exclusive.
            "09:00, 17:00, UTC, 2026-06-01T08:59:59Z, false",
            "09:00, 17:00, UTC, 2026-06-01T09:00:00Z, true",
            "09:00, 17:00, UTC, 2026-06-01T16:59:59Z, true",
            "09:00, 17:00, UTC, 2026-06-01T17:00:00Z, false",
            // A window across midnight.
            "22:00, 07:00, UTC, 2026-06-01T21:59:00Z, false",
            "22:00, 07:00, UTC, 2026-06-01T22:00:00Z, true",
            "22:00, 07:00, UTC, 2026-06-01T23:59:59Z, true",
            "22:00, 07:00, UTC, 2026-06-02T00:00:00Z, true",
            "22:00, 07:00, UTC, 2026-06-02T06:59:59Z, true",
            "22:00, 07:00, UTC, 2026-06-02T07:00:00Z, false",
            // Read on the user's wall clock: Tokyo is UTC+9, New York UTC-4 in summer and UTC-5 in winter.
            "22:00, 07:00, Asia/Tokyo, 2026-06-01T13:30:00Z, true",
            "22:00, 07:00, Asia/Tokyo, 2026-06-01T22:30:00Z, false",
            "22:00, 07:00, America/New_York, 2026-07-01T02:30:00Z, true",
            "22:00, 07:00, America/New_York, 2026-12-01T03:30:00Z, true",
            "22:00, 07:00, America/New_York, 2026-12-01T02:30:00Z, false",
            "22:00, 07:00, America/New_York, 2026-12-01T11:30:00Z, true",
            "22:00, 07:00, America/New_York, 2026-07-01T11:30:00Z, false",
            // The night the clocks go forward in Berlin (02:00 -> 03:00 on 2026-03-29).
            "02:30, 03:30, Europe/Berlin, 2026-03-29T01:15:00Z, true",
            // Equal start and end: no quiet hours.
            "08:00, 08:00, UTC, 2026-06-01T08:00:00Z, false"})
    void quietHoursFollowTheUsersWallClock(LocalTime start, LocalTime end, String zone, Instant instant, boolean quiet) {
        assertThat(settings(start, end, ZoneId.of(zone)).isQuietAt(instant)).isEqualTo(quiet);
    }

    @ParameterizedTest
    @CsvSource({"2026-06-01T00:00:00Z", "2026-06-01T12:00:00Z"})
    void withoutQuietHoursNothingIsQuiet(Instant instant) {
        assertThat(settings(null, null, ZoneId.of("UTC")).isQuietAt(instant)).isFalse();
    }

    private static NotificationSettings settings(LocalTime start, LocalTime end, ZoneId zone) {
        return new NotificationSettings(UUID.randomUUID(), true, true, true, true, true, true, start, end, zone, Instant.EPOCH);
    }
}
