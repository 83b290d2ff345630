package org.agenticdeals.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deal as search shows it, with the names a page needs.
 *
 * @param categoryPath the category's names from the root down, empty for none
 */
public record DealView(UUID id, String title, String description, String url, String imageUrl, BigDecimal originalPrice,
                       BigDecimal currentPrice, BigDecimal discountPercentage, String marketName, List<String> categoryPath, String sourceName,
                       BigDecimal sourceReliability, Status status, Instant expiresAt, Instant createdAt) {

    /**
     * Copies the category path.
     *
     * @param id the deal's id
     * @param title its title
     * @param description its description, or null
     * @param url where it is sold
     * @param imageUrl its picture, or null
     * @param originalPrice the price before the discount
     * @param currentPrice the price now
     * @param discountPercentage computed from the two prices
     * @param marketName the market's name
     * @param categoryPath the category's names from the root down (null: empty)
     * @param sourceName the source's name
     * @param sourceReliability the source's reliability, 0 to 1
     * @param status the deal's status
     * @param expiresAt when it ends, or null
     * @param createdAt when it was first ingested
     */
    public DealView {
        categoryPath = categoryPath == null ? List.of() : List.copyOf(categoryPath);
    }

    /** Search shows {@code ACTIVE} deals only; expired and removed ones are kept for history. */
    public enum Status {
        /** In search, open to matching and sharing. */
        ACTIVE,
        /** Past its {@code expiresAt}. */
        EXPIRED,
        /** Taken down by an admin or a moderator; ingestion does not bring it back. */
        REMOVED
    }
}
