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

    /**
     * Copies the lists (null: empty).
     *
     * @param userId the user
     * @param notificationEmail the global e-mail switch
     * @param notificationPush the global push switch
     * @param theme the theme
     * @param dealCategories favourite categories (null: empty)
     * @param preferredMarkets preferred markets (null: empty)
     * @param minDiscountPercentage lowest discount of interest, or null
     * @param maxPrice highest price of interest, or null
     * @param updatedAt when the preferences last changed
     */
    public UserPreferences {
        dealCategories = dealCategories == null ? List.of() : List.copyOf(dealCategories);
        preferredMarkets = preferredMarkets == null ? List.of() : List.copyOf(preferredMarkets);
    }

    /**
     * These preferences with the global e-mail switch on or off.
     *
     * @param value whether notifications go out by e-mail
     * @return the changed copy
     */
    public UserPreferences withNotificationEmail(boolean value) {
        return new UserPreferences(userId, value, notificationPush, theme, dealCategories, preferredMarkets, minDiscountPercentage, maxPrice,
                updatedAt);
    }

    /**
     * These preferences with the global push switch on or off.
     *
     * @param value whether notifications go out by push
     * @return the changed copy
     */
    public UserPreferences withNotificationPush(boolean value) {
        return new UserPreferences(userId, notificationEmail, value, theme, dealCategories, preferredMarkets, minDiscountPercentage, maxPrice,
                updatedAt);
    }

    /**
     * These preferences with another theme.
     *
     * @param value the theme
     * @return the changed copy
     */
    public UserPreferences withTheme(Theme value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, value, dealCategories, preferredMarkets, minDiscountPercentage,
                maxPrice, updatedAt);
    }

    /**
     * These preferences with other favourite categories.
     *
     * @param value ids of existing categories
     * @return the changed copy
     */
    public UserPreferences withDealCategories(List<UUID> value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, theme, value, preferredMarkets, minDiscountPercentage, maxPrice,
                updatedAt);
    }

    /**
     * These preferences with other preferred markets.
     *
     * @param value ids of existing markets
     * @return the changed copy
     */
    public UserPreferences withPreferredMarkets(List<UUID> value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, theme, dealCategories, value, minDiscountPercentage, maxPrice,
                updatedAt);
    }

    /**
     * These preferences with another minimum discount.
     *
     * @param value 0 to 100, or null for none
     * @return the changed copy
     */
    public UserPreferences withMinDiscountPercentage(Integer value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, theme, dealCategories, preferredMarkets, value, maxPrice,
                updatedAt);
    }

    /**
     * These preferences with another maximum price.
     *
     * @param value at least 0, or null for none
     * @return the changed copy
     */
    public UserPreferences withMaxPrice(BigDecimal value) {
        return new UserPreferences(userId, notificationEmail, notificationPush, theme, dealCategories, preferredMarkets, minDiscountPercentage,
                value, updatedAt);
    }
}
