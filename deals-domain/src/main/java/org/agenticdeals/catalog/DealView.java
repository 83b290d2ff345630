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

    public DealView {
        categoryPath = categoryPath == null ? List.of() : List.copyOf(categoryPath);
    }

    /** Search shows {@code ACTIVE} deals only; expired and removed ones are kept for history. */
    public enum Status { ACTIVE, EXPIRED, REMOVED }
}
