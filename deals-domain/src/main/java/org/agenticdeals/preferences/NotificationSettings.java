package org.agenticdeals.preferences;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * Which notifications a user gets on which channel, and when they are quiet.
 *
 * <p>Quiet hours are wall-clock times in the user's {@code timeZone} (an IANA zone, default UTC), from
 * {@code quietHoursStart} (inclusive) to {@code quietHoursEnd} (exclusive). A window whose start is after its
 * end crosses midnight (22:00 to 07:00). Both null, or start equal to end, means no quiet hours.
 */
public record NotificationSettings(UUID userId, boolean emailDealAlerts, boolean emailPriceDrops, boolean emailGoalUpdates,
                                   boolean pushDealAlerts, boolean pushPriceDrops, boolean pushGoalUpdates, LocalTime quietHoursStart,
                                   LocalTime quietHoursEnd, ZoneId timeZone, Instant updatedAt) {

    public NotificationSettings {
        timeZone = Objects.requireNonNullElse(timeZone, ZoneId.of("UTC"));
    }

    /** Whether {@code instant} falls in the quiet hours, read on the wall clock of the user's time zone. */
    public boolean isQuietAt(Instant instant) {
        if (quietHoursStart == null || quietHoursEnd == null || quietHoursStart.equals(quietHoursEnd)) {
            return false;
        }
        LocalTime local = instant.atZone(timeZone).toLocalTime();
        if (quietHoursStart.isBefore(quietHoursEnd)) {
            return !local.isBefore(quietHoursStart) && local.isBefore(quietHoursEnd);
        }
        return !local.isBefore(quietHoursStart) || local.isBefore(quietHoursEnd);
    }

    /**
     * When a notification created at {@code instant} may go out by e-mail or push: at once, or when the quiet hours
     * it falls in end (on the user's wall clock). Notifications are deferred, never dropped. The same rule as the
     * database function {@code notification_deliver_after} that routes them.
     */
    public Instant deliveryTime(Instant instant) {
        if (!isQuietAt(instant)) {
            return instant;
        }
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(instant, timeZone);
        java.time.LocalDateTime end = local.toLocalDate().atTime(quietHoursEnd);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        // A wall-clock end that occurs twice (clocks go back) is taken at its later occurrence, as PostgreSQL does.
        return end.atZone(timeZone).withLaterOffsetAtOverlap().toInstant();
    }

    public NotificationSettings withEmail(boolean dealAlerts, boolean priceDrops, boolean goalUpdates) {
        return new NotificationSettings(userId, dealAlerts, priceDrops, goalUpdates, pushDealAlerts, pushPriceDrops, pushGoalUpdates,
                quietHoursStart, quietHoursEnd, timeZone, updatedAt);
    }

    public NotificationSettings withPush(boolean dealAlerts, boolean priceDrops, boolean goalUpdates) {
        return new NotificationSettings(userId, emailDealAlerts, emailPriceDrops, emailGoalUpdates, dealAlerts, priceDrops, goalUpdates,
                quietHoursStart, quietHoursEnd, timeZone, updatedAt);
    }

    /** Quiet from {@code start} to {@code end} in the user's time zone; both null for none. */
    public NotificationSettings withQuietHours(LocalTime start, LocalTime end) {
        return new NotificationSettings(userId, emailDealAlerts, emailPriceDrops, emailGoalUpdates, pushDealAlerts, pushPriceDrops,
                pushGoalUpdates, start, end, timeZone, updatedAt);
    }

    public NotificationSettings withTimeZone(ZoneId zone) {
        return new NotificationSettings(userId, emailDealAlerts, emailPriceDrops, emailGoalUpdates, pushDealAlerts, pushPriceDrops,
                pushGoalUpdates, quietHoursStart, quietHoursEnd, zone, updatedAt);
    }
}
