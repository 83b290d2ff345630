package org.agenticdeals.catalog;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

/**
 * What a search looks for. Every field is optional (null or empty: no filter); all filters apply together, and
 * only active, unexpired deals are ever returned.
 *
 * @param text           words to find in the title (weighted higher) or description; web-search syntax
 *                       ({@code "exact phrase"}, {@code -without}, {@code or})
 * @param marketIds      deals of these markets
 * @param categoryId     deals of this category or any category below it
 * @param minPrice       current price at least this
 * @param maxPrice       current price at most this
 * @param minDiscount    discount percentage at least this
 * @param minReliability source reliability at least this (0 to 1)
 */
public record DealQuery(String text, Set<UUID> marketIds, UUID categoryId, BigDecimal minPrice, BigDecimal maxPrice, BigDecimal minDiscount,
                        BigDecimal minReliability, Sort sort) {

    /** The orders a search can return. */
    public enum Sort {
        /** Best text match first (needs {@code text}); ties newest first. */
        RELEVANCE,
        /** Newest first. */
        NEWEST,
        /** Biggest discount first. */
        DISCOUNT,
        /** Lowest current price first. */
        PRICE
    }

    /**
     * Defaults the order: by relevance with text, else newest first.
     *
     * @param text words to find, or null
     * @param marketIds deals of these markets; null or empty for all
     * @param categoryId deals of this category or below it, or null
     * @param minPrice current price at least this, or null
     * @param maxPrice current price at most this, or null
     * @param minDiscount discount percentage at least this, or null
     * @param minReliability source reliability at least this, or null
     * @param sort the order, or null for the default
     */
    public DealQuery {
        marketIds = marketIds == null ? Set.of() : Set.copyOf(marketIds);
        sort = sort == null ? (text == null || text.isBlank() ? Sort.NEWEST : Sort.RELEVANCE) : sort;
    }

    /** {@return every active deal, newest first} */
    public static DealQuery all() {
        return new DealQuery(null, Set.of(), null, null, null, null, null, Sort.NEWEST);
    }

    /**
     * This query with words to find; sorts by relevance. Without words (null or blank), a query sorted by relevance
     * goes back to newest first; another order stays.
     *
     * @param value web-search syntax, or null for none
     * @return the changed copy
     */
    public DealQuery withText(String value) {
        boolean none = value == null || value.isBlank();
        return new DealQuery(value, marketIds, categoryId, minPrice, maxPrice, minDiscount, minReliability,
                none ? (sort == Sort.RELEVANCE ? null : sort) : Sort.RELEVANCE);
    }

    /**
     * This query limited to some markets.
     *
     * @param value the markets, empty for all
     * @return the changed copy
     */
    public DealQuery withMarkets(Set<UUID> value) {
        return new DealQuery(text, value, categoryId, minPrice, maxPrice, minDiscount, minReliability, sort);
    }

    /**
     * This query limited to a category and the categories below it.
     *
     * @param value the category, or null for all
     * @return the changed copy
     */
    public DealQuery withCategory(UUID value) {
        return new DealQuery(text, marketIds, value, minPrice, maxPrice, minDiscount, minReliability, sort);
    }

    /**
     * This query limited to a price range.
     *
     * @param min the lowest current price, or null
     * @param max the highest current price, or null
     * @return the changed copy
     */
    public DealQuery withPriceBetween(BigDecimal min, BigDecimal max) {
        return new DealQuery(text, marketIds, categoryId, min, max, minDiscount, minReliability, sort);
    }

    /**
     * This query limited to deals of at least a discount.
     *
     * @param value a percentage, 0 to 100, or null
     * @return the changed copy
     */
    public DealQuery withMinDiscount(BigDecimal value) {
        return new DealQuery(text, marketIds, categoryId, minPrice, maxPrice, value, minReliability, sort);
    }

    /**
     * This query limited to sources of at least a reliability.
     *
     * @param value 0 to 1, or null
     * @return the changed copy
     */
    public DealQuery withMinReliability(BigDecimal value) {
        return new DealQuery(text, marketIds, categoryId, minPrice, maxPrice, minDiscount, value, sort);
    }

    /**
     * This query in another order.
     *
     * @param value the order
     * @return the changed copy
     */
    public DealQuery sortedBy(Sort value) {
        return new DealQuery(text, marketIds, categoryId, minPrice, maxPrice, minDiscount, minReliability, value);
    }
}
