package org.agenticdeals.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/** A deal's price from {@code recordedAt} on. */
public record PricePoint(BigDecimal price, BigDecimal originalPrice, Instant recordedAt) {
}
