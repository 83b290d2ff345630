package org.agenticdeals.goals;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.agenticdeals.internal.Json;

/**
 * What a goal looks for. Every criterion is optional, but a goal needs at least one of keywords, any-of keywords,
 * categories, markets, a maximum price or a minimum discount. All criteria apply together. Stored as the goal's
 * {@code parameters} JSON object, with snake_case names ({@code any_keywords}, {@code max_price} …).
 *
 * @param keywords             all of them must appear in the deal's title or description (a keyword of several words
 *                             needs all its words); matched as full-text search matches, so {@code headphones} finds
 *                             {@code headphone}
 * @param anyKeywords          at least one of them must appear
 * @param excludedKeywords     none of them may appear
 * @param categories           the deal's category is one of these or below one of them
 * @param markets              the deal is in one of these markets
 * @param maxPrice             the deal's current price is at most this
 * @param minDiscount          the deal's discount percentage is at least this (0 to 100)
 * @param minSourceReliability the deal's source has at least this reliability score (0 to 1)
 * @param maxMatches           how many matches the goal keeps, its best by relevance (1 to 1,000; default
 *                             {@value #DEFAULT_MAX_MATCHES})
 * @param alertThreshold       the lowest relevance (0 to 100) for which a new match alerts the user (default
 *                             {@value #DEFAULT_ALERT_THRESHOLD})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GoalParameters(List<String> keywords, List<String> anyKeywords, List<String> excludedKeywords, List<UUID> categories,
                             List<UUID> markets, BigDecimal maxPrice, BigDecimal minDiscount, BigDecimal minSourceReliability, Integer maxMatches,
                             BigDecimal alertThreshold) {

    /** How many matches a goal keeps unless {@code maxMatches} says otherwise. */
    public static final int DEFAULT_MAX_MATCHES = 100;
    /** The lowest relevance that alerts unless {@code alertThreshold} says otherwise. */
    public static final int DEFAULT_ALERT_THRESHOLD = 70;

    /**
     * Copies the lists (null: empty) and applies the defaults of {@code maxMatches} and {@code alertThreshold}.
     *
     * @param keywords all must appear (null: none)
     * @param anyKeywords one must appear (null: none)
     * @param excludedKeywords none may appear (null: none)
     * @param categories deals of these categories or below (null: any)
     * @param markets deals of these markets (null: any)
     * @param maxPrice highest current price, or null
     * @param minDiscount lowest discount percentage, or null
     * @param minSourceReliability lowest source reliability, or null
     * @param maxMatches matches kept, or null for {@value #DEFAULT_MAX_MATCHES}
     * @param alertThreshold lowest alerting relevance, or null for {@value #DEFAULT_ALERT_THRESHOLD}
     */
    public GoalParameters {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        anyKeywords = anyKeywords == null ? List.of() : List.copyOf(anyKeywords);
        excludedKeywords = excludedKeywords == null ? List.of() : List.copyOf(excludedKeywords);
        categories = categories == null ? List.of() : List.copyOf(categories);
        markets = markets == null ? List.of() : List.copyOf(markets);
        maxMatches = Objects.requireNonNullElse(maxMatches, DEFAULT_MAX_MATCHES);
        alertThreshold = Objects.requireNonNullElse(alertThreshold, BigDecimal.valueOf(DEFAULT_ALERT_THRESHOLD));
    }

    /** {@return parameters with no criterion yet}; add some with the {@code with} methods. */
    public static GoalParameters none() {
        return new GoalParameters(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Reads parameters from their JSON form (what {@link #toJson()} writes).
     *
     * @param json a JSON object with snake_case names
     * @return the parameters
     * @throws org.agenticdeals.ValidationException naming {@code parameters} if the JSON is malformed, has a field
     *                                              of the wrong type or a field this record does not know
     */
    public static GoalParameters fromJson(String json) {
        return Json.read("parameters", Objects.requireNonNull(json, "json"), GoalParameters.class);
    }

    /** {@return the JSON object stored in the goal's {@code parameters} column} */
    public String toJson() {
        return Json.write(this);
    }

    /**
     * These parameters with the keywords that must all appear.
     *
     * @param value the keywords
     * @return the changed copy
     */
    public GoalParameters withKeywords(String... value) {
        return new GoalParameters(List.of(value), anyKeywords, excludedKeywords, categories, markets, maxPrice, minDiscount, minSourceReliability,
                maxMatches, alertThreshold);
    }

    /**
     * These parameters with keywords of which one must appear.
     *
     * @param value the keywords
     * @return the changed copy
     */
    public GoalParameters withAnyKeywords(String... value) {
        return new GoalParameters(keywords, List.of(value), excludedKeywords, categories, markets, maxPrice, minDiscount, minSourceReliability,
                maxMatches, alertThreshold);
    }

    /**
     * These parameters with keywords that must not appear.
     *
     * @param value the keywords
     * @return the changed copy
     */
    public GoalParameters withExcludedKeywords(String... value) {
        return new GoalParameters(keywords, anyKeywords, List.of(value), categories, markets, maxPrice, minDiscount, minSourceReliability,
                maxMatches, alertThreshold);
    }

    /**
     * These parameters limited to categories and the categories below them.
     *
     * @param value the categories
     * @return the changed copy
     */
    public GoalParameters withCategories(UUID... value) {
        return new GoalParameters(keywords, anyKeywords, excludedKeywords, List.of(value), markets, maxPrice, minDiscount, minSourceReliability,
                maxMatches, alertThreshold);
    }

    /**
     * These parameters limited to markets.
     *
     * @param value the markets
     * @return the changed copy
     */
    public GoalParameters withMarkets(UUID... value) {
        return new GoalParameters(keywords, anyKeywords, excludedKeywords, categories, List.of(value), maxPrice, minDiscount, minSourceReliability,
                maxMatches, alertThreshold);
    }

    /**
     * These parameters with a highest price.
     *
     * @param value the highest current price, or null
     * @return the changed copy
     */
    public GoalParameters withMaxPrice(BigDecimal value) {
        return new GoalParameters(keywords, anyKeywords, excludedKeywords, categories, markets, value, minDiscount, minSourceReliability,
                maxMatches, alertThreshold);
    }

    /**
     * These parameters with a lowest discount.
     *
     * @param value a percentage, 0 to 100, or null
     * @return the changed copy
     */
    public GoalParameters withMinDiscount(BigDecimal value) {
        return new GoalParameters(keywords, anyKeywords, excludedKeywords, categories, markets, maxPrice, value, minSourceReliability,
                maxMatches, alertThreshold);
    }

    /**
     * These parameters with a lowest source reliability.
     *
     * @param value 0 to 1, or null
     * @return the changed copy
     */
    public GoalParameters withMinSourceReliability(BigDecimal value) {
        return new GoalParameters(keywords, anyKeywords, excludedKeywords, categories, markets, maxPrice, minDiscount, value, maxMatches,
                alertThreshold);
    }

    /**
     * These parameters keeping another number of matches.
     *
     * @param value 1 to 1,000
     * @return the changed copy
     */
    public GoalParameters withMaxMatches(int value) {
        return new GoalParameters(keywords, anyKeywords, excludedKeywords, categories, markets, maxPrice, minDiscount, minSourceReliability,
                value, alertThreshold);
    }

    /**
     * These parameters with another alert threshold.
     *
     * @param value the lowest relevance that alerts, 0 to 100
     * @return the changed copy
     */
    public GoalParameters withAlertThreshold(BigDecimal value) {
        return new GoalParameters(keywords, anyKeywords, excludedKeywords, categories, markets, maxPrice, minDiscount, minSourceReliability,
                maxMatches, value);
    }
}
