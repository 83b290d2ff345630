package org.agenticdeals.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A deal a user saved, with their notes. */
public record SavedDeal(UUID dealId, String title, BigDecimal currentPrice, DealView.Status status, String notes, Instant savedAt) {
}
