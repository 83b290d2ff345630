package org.agenticdeals.preferences;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.agenticdeals.NotFoundException;
import org.agenticdeals.ValidationException;
import org.agenticdeals.internal.Checks;
import org.agenticdeals.internal.Json;
import org.agenticdeals.internal.SecurityContext;
import org.agenticdeals.internal.ServiceContext;
import org.agenticdeals.jooq.tables.records.NotificationSettingsRecord;
import org.agenticdeals.jooq.tables.records.UserPreferencesRecord;


/**
 * A user's preferences and notification settings. Obtain it from {@code Deals.preferences()}.
 *
 * <p>Every method runs in the user's security context, so row-level security guarantees it can reach no other
 * user's rows. Updates read, change and write the row in one transaction holding its lock: concurrent updates
 * of one user's preferences never lose each other's changes.
 */
public final class Preferences {

    /** The most category or market ids a preference list may hold. */
    public static final int MAX_IDS = 50;

    private final ServiceContext context;

    /**
     * For {@code Deals}; hosts call {@code deals.preferences()}.
     *
     * @param context the library's plumbing (not API)
     */
    public Preferences(ServiceContext context) {
        this.context = context;
    }

    /**
     * The user's preferences.
     *
     * @param userId the user
     * @return the user's preferences
     * @throws NotFoundException if the user has no preferences (no such user, or not visible)
     */
    public UserPreferences get(UUID userId) {
        Checks.required("userId", userId);
        return context.transactions().run(SecurityContext.user(userId), tx -> PreferenceQueries.preferences(tx, userId, false)
                .map(Preferences::toPreferences)
                .orElseThrow(() -> new NotFoundException("preferences", userId)));
    }

    /**
     * Applies {@code change} to the current preferences and stores the result after validating it: categories and
     * markets must exist (duplicates are dropped), minimum discount 0 to 100, maximum price at least 0, a theme.
     *
     * @return the stored preferences
     * @param userId the user
     * @param change the new preferences from the current ones
     * @throws ValidationException naming the field, e.g. {@code preferences.dealCategories}; nothing is written
     * @throws NotFoundException   if the user has no preferences
     */
    public UserPreferences update(UUID userId, UnaryOperator<UserPreferences> change) {
        Checks.required("userId", userId);
        Checks.required("change", change);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            UserPreferencesRecord row = PreferenceQueries.preferences(tx, userId, true)
                    .orElseThrow(() -> new NotFoundException("preferences", userId));
            UserPreferences wanted = Checks.required("preferences", change.apply(toPreferences(row)));
            List<UUID> categories = distinct("preferences.dealCategories", wanted.dealCategories());
            List<UUID> markets = distinct("preferences.preferredMarkets", wanted.preferredMarkets());
            requireKnown("preferences.dealCategories", "category", PreferenceQueries.unknownCategories(tx, categories));
            requireKnown("preferences.preferredMarkets", "market", PreferenceQueries.unknownMarkets(tx, markets));
            if (wanted.minDiscountPercentage() != null) {
                Checks.between("preferences.minDiscountPercentage", wanted.minDiscountPercentage(), 0, 100);
            }
            BigDecimal maxPrice = wanted.maxPrice() == null ? null : Checks.money("preferences.maxPrice", wanted.maxPrice(), BigDecimal.ZERO);
            Theme theme = Checks.required("preferences.theme", wanted.theme());
            row.setNotificationEmail(wanted.notificationEmail())
                    .setNotificationPush(wanted.notificationPush())
                    .setTheme(theme.stored())
                    .setDealCategories(Json.uuidArray(categories))
                    .setPreferredMarkets(Json.uuidArray(markets))
                    .setMinDiscountPercentage(wanted.minDiscountPercentage())
                    .setMaxPrice(maxPrice);
            row.store();
            row.refresh();
            return toPreferences(row);
        });
    }

    /**
     * The user's notification settings.
     *
     * @param userId the user
     * @return the user's notification settings
     * @throws NotFoundException if the user has no notification settings
     */
    public NotificationSettings notificationSettings(UUID userId) {
        Checks.required("userId", userId);
        return context.transactions().run(SecurityContext.user(userId), tx -> PreferenceQueries.notificationSettings(tx, userId, false)
                .map(Preferences::toSettings)
                .orElseThrow(() -> new NotFoundException("notification settings", userId)));
    }

    /**
     * Applies {@code change} to the current notification settings and stores the result: quiet hours are both
     * set or both null, the time zone is an IANA region (such as {@code Europe/Berlin}) or {@code UTC}.
     *
     * @param userId the user
     * @param change the new settings from the current ones
     * @return the stored settings
     * @throws ValidationException naming the field; nothing is written
     * @throws NotFoundException   if the user has no notification settings
     */
    public NotificationSettings updateNotificationSettings(UUID userId, UnaryOperator<NotificationSettings> change) {
        Checks.required("userId", userId);
        Checks.required("change", change);
        return context.transactions().run(SecurityContext.user(userId), tx -> {
            NotificationSettingsRecord row = PreferenceQueries.notificationSettings(tx, userId, true)
                    .orElseThrow(() -> new NotFoundException("notification settings", userId));
            NotificationSettings wanted = Checks.required("notificationSettings", change.apply(toSettings(row)));
            if ((wanted.quietHoursStart() == null) != (wanted.quietHoursEnd() == null)) {
                throw new ValidationException("notificationSettings.quietHours", "needs both a start and an end, or neither");
            }
            String zone = wanted.timeZone().getId();
            if (!zone.equals("UTC") && !ZoneId.getAvailableZoneIds().contains(zone)) {
                throw new ValidationException("notificationSettings.timeZone", "must be an IANA time zone such as Europe/Berlin, was "
                        + Checks.shown(zone));
            }
            row.setEmailDealAlerts(wanted.emailDealAlerts())
                    .setEmailPriceDrops(wanted.emailPriceDrops())
                    .setEmailGoalUpdates(wanted.emailGoalUpdates())
                    .setPushDealAlerts(wanted.pushDealAlerts())
                    .setPushPriceDrops(wanted.pushPriceDrops())
                    .setPushGoalUpdates(wanted.pushGoalUpdates())
                    .setQuietHoursStart(wanted.quietHoursStart())
                    .setQuietHoursEnd(wanted.quietHoursEnd())
                    .setTimeZone(zone);
            row.store();
            row.refresh();
            return toSettings(row);
        });
    }

    /**
     * Whether the user's quiet hours include {@code instant}; see {@link NotificationSettings#isQuietAt(Instant)}.
     *
     * @param userId the user
     * @param instant the instant to look at
     * @return true if it falls in the user's quiet hours
     * @throws ValidationException naming {@code instant} if it is null or outside the years 1 to 9999
     * @throws NotFoundException   if the user has no notification settings
     */
    public boolean isQuietAt(UUID userId, Instant instant) {
        Checks.instant("instant", Checks.required("instant", instant));
        return notificationSettings(userId).isQuietAt(instant);
    }

    private static List<UUID> distinct(String field, List<UUID> ids) {
        Set<UUID> unique = new LinkedHashSet<>();
        for (UUID id : ids) {
            unique.add(Checks.required(field + "[]", id));
        }
        if (unique.size() > MAX_IDS) {
            throw new ValidationException(field, "must hold at most " + MAX_IDS + " ids, was " + unique.size());
        }
        return new ArrayList<>(unique);
    }

    private static void requireKnown(String field, String kind, Set<UUID> unknown) {
        if (!unknown.isEmpty()) {
            throw new ValidationException(field, "must hold ids of existing " + kind + " rows; unknown: " + Checks.shown(unknown.toString()));
        }
    }

    private static UserPreferences toPreferences(UserPreferencesRecord row) {
        return new UserPreferences(row.getUserId(), row.getNotificationEmail(), row.getNotificationPush(), Theme.fromStored(row.getTheme()),
                Json.uuids(row.getDealCategories()), Json.uuids(row.getPreferredMarkets()), row.getMinDiscountPercentage(), row.getMaxPrice(),
                row.getUpdatedAt().toInstant());
    }

    private static NotificationSettings toSettings(NotificationSettingsRecord row) {
        return new NotificationSettings(row.getUserId(), row.getEmailDealAlerts(), row.getEmailPriceDrops(), row.getEmailGoalUpdates(),
                row.getPushDealAlerts(), row.getPushPriceDrops(), row.getPushGoalUpdates(), row.getQuietHoursStart(), row.getQuietHoursEnd(),
                ZoneId.of(row.getTimeZone()), row.getUpdatedAt().toInstant());
    }

}
