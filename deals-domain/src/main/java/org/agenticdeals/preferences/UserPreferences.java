package org.agenticdeals.preferences;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user's deal-discovery preferences. Change them with
 * {@code deals.preferences().update(userId, current -> current.withTheme(Theme.DARK))}.
 *
 * @param dealCategories        ids of existing categories, no duplicates, at most {@value Preferences#MAX_IDS}
 * @param preferredMarkets      ids of existing markets, no duplicates, at most {@value Preferences#MAX_IDS}
 * @param minDiscountPercentage 0 to 100, or null for none
 * @param maxPrice              at least 0 with at most two decimals, or null for none
 */
public record UserPreferences(UUID userId, boolean notificationEmail, boolean notificationPush, Theme theme, List<UUID> dealCategories,
                              List<UUID> preferredMarkets, Integer minDiscountPercentage, BigDecimal maxPrice, Instant updatedAt) {

    public UserPreferences {
        dealCategories = dealCategories == null ? List.of() : List.copyOf(dealCategories);
        preferredMarkets = preferredMarkets == null ? List.of() : List.copyOf(preferredMarkets);
    }

    public UserPreferences withNotificationEmail(boolean value) {
        return new UserPreferences(userId, value, notificationPush, theme, dealCategories, preferredMarkets, minDiscountPercentage, maxPrice,
                updatedAt);
    }

    public UserPreferences withNotificationPush(boolean value) {
        return new UserPreferences(userId, notificationEmail, value, theme, dealCategories, preferredMarkets, minDiscountPercentage, maxPrice,
                updatedAt);
    }

    public UserPreferences withTheme(Theme value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, value, dealCategories, preferredMarkets, minDiscountPercentage,
                maxPrice, updatedAt);
    }

    public UserPreferences withDealCategories(List<UUID> value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, theme, value, preferredMarkets, minDiscountPercentage, maxPrice,
                updatedAt);
    }

    public UserPreferences withPreferredMarkets(List<UUID> value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, theme, dealCategories, value, minDiscountPercentage, maxPrice,
                updatedAt);
    }

    public UserPreferences withMinDiscountPercentage(Integer value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, theme, dealCategories, preferredMarkets, value, maxPrice,
                updatedAt);
    }

    public UserPreferences withMaxPrice(BigDecimal value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, theme, dealCategories, preferredMarkets, minDiscountPercentage,
                value, updatedAt);
    }
}
