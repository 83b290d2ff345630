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

    /**
     * Defaults the time zone to UTC.
     *
     * @param userId the user
     * @param emailDealAlerts deal alerts by e-mail
     * @param emailPriceDrops price drops by e-mail
     * @param emailGoalUpdates goal updates by e-mail
     * @param pushDealAlerts deal alerts by push
     * @param pushPriceDrops price drops by push
     * @param pushGoalUpdates goal updates by push
     * @param quietHoursStart the quiet window's start, or null
     * @param quietHoursEnd the quiet window's end, or null
     * @param timeZone the zone quiet hours are read in (null: UTC)
     * @param updatedAt when the settings last changed
     */
    public NotificationSettings {
        timeZone = Objects.requireNonNullElse(timeZone, ZoneId.of("UTC"));
    }

    /**
     * Whether {@code instant} falls in the quiet hours, read on the wall clock of the user's time zone.
     *
     * @param instant the instant to look at
     * @return true if it falls in the window
     */
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
     *
     * @param instant when the notification is created
     * @return {@code instant}, or the end of the quiet hours it falls in
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

    /**
     * These settings with other e-mail switches per notification type.
     *
     * @param dealAlerts e-mail deal alerts
     * @param priceDrops e-mail price drops
     * @param goalUpdates e-mail goal updates
     * @return the changed copy
     */
    public NotificationSettings withEmail(boolean dealAlerts, boolean priceDrops, boolean goalUpdates) {
        return new NotificationSettings(userId, dealAlerts, priceDrops, goalUpdates, pushDealAlerts, pushPriceDrops, pushGoalUpdates,
                quietHoursStart, quietHoursEnd, timeZone, updatedAt);
    }

    /**
     * These settings with other push switches per notification type.
     *
     * @param dealAlerts push deal alerts
     * @param priceDrops push price drops
     * @param goalUpdates push goal updates
     * @return the changed copy
     */
    public NotificationSettings withPush(boolean dealAlerts, boolean priceDrops, boolean goalUpdates) {
        return new NotificationSettings(userId, emailDealAlerts, emailPriceDrops, emailGoalUpdates, dealAlerts, priceDrops, goalUpdates,
                quietHoursStart, quietHoursEnd, timeZone, updatedAt);
    }

    /**
     * Quiet from {@code start} to {@code end} in the user's time zone; both null for none.
     *
     * @param start the window's start (inclusive), or null
     * @param end the window's end (exclusive), or null
     * @return the changed copy
     */
    public NotificationSettings withQuietHours(LocalTime start, LocalTime end) {
        return new NotificationSettings(userId, emailDealAlerts, emailPriceDrops, emailGoalUpdates, pushDealAlerts, pushPriceDrops,
                pushGoalUpdates, start, end, timeZone, updatedAt);
    }

    /**
     * These settings in another time zone, the one quiet hours are read in.
     *
     * @param zone an IANA region such as {@code Europe/Berlin}, or UTC
     * @return the changed copy
     */
    public NotificationSettings withTimeZone(ZoneId zone) {
        return new NotificationSettings(userId, emailDealAlerts, emailPriceDrops, emailGoalUpdates, pushDealAlerts, pushPriceDrops,
                pushGoalUpdates, quietHoursStart, quietHoursEnd, zone, updatedAt);
    }
}
