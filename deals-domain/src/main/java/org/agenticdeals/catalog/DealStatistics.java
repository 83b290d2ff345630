package org.agenticdeals.catalog;

import java.math.BigDecimal;
import java.util.UUID;

/** Active deals of one market and category, as of the last refresh; {@code categoryId} null for deals without one. */
public record DealStatistics(UUID marketId, UUID categoryId, long dealCount, BigDecimal averageDiscount, BigDecimal bestDiscount,
                             BigDecimal lowestPrice, BigDecimal highestPrice) {
}
