package org.agenticdeals.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One deal as a source delivers it. Ingestion keys it by (source, {@code url}); the discount is computed from the
 * two prices, never taken from the source.
 *
 * @param title         1 to 255 characters
 * @param url           an absolute http(s) URL, at most 2,048 characters
 * @param originalPrice greater than 0, at most two decimals
 * @param currentPrice  greater than 0 and not above {@code originalPrice}
 * @param categoryId    an existing category, or null
 * @param expiresAt     when the deal ends, or null
 */
public record DealInput(String title, String description, String url, String imageUrl, BigDecimal originalPrice, BigDecimal currentPrice,
                        UUID marketId, UUID categoryId, Instant expiresAt) {
}
