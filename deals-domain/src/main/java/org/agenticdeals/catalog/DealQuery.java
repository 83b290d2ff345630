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

    public DealQuery {
        marketIds = marketIds == null ? Set.of() : Set.copyOf(marketIds);
        sort = sort == null ? (text == null || text.isBlank() ? Sort.NEWEST : Sort.RELEVANCE) : sort;
    }

    /** Every active deal, newest first. */
    public static DealQuery all() {
        return new DealQuery(null, Set.of(), null, null, null, null, null, Sort.NEWEST);
    }

    public DealQuery withText(String value) {
        return new DealQuery(value, marketIds, categoryId, minPrice, maxPrice, minDiscount, minReliability, value == null ? sort : Sort.RELEVANCE);
    }

    public DealQuery withMarkets(Set<UUID> value) {
        return new DealQuery(text, value, categoryId, minPrice, maxPrice, minDiscount, minReliability, sort);
    }

    public DealQuery withCategory(UUID value) {
        return new DealQuery(text, marketIds, value, minPrice, maxPrice, minDiscount, minReliability, sort);
    }

    public DealQuery withPriceBetween(BigDecimal min, BigDecimal max) {
        return new DealQuery(text, marketIds, categoryId, min, max, minDiscount, minReliability, sort);
    }

    public DealQuery withMinDiscount(BigDecimal value) {
        return new DealQuery(text, marketIds, categoryId, minPrice, maxPrice, value, minReliability, sort);
    }

    public DealQuery withMinReliability(BigDecimal value) {
        return new DealQuery(text, marketIds, categoryId, minPrice, maxPrice, minDiscount, value, sort);
    }

    public DealQuery sortedBy(Sort value) {
        return new DealQuery(text, marketIds, categoryId, minPrice, maxPrice, minDiscount, minReliability, value);
    }
}
