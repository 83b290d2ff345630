package org.agenticdeals.ledger;

import java.time.Instant;
import java.util.UUID;

/** A redemption code: {@code tokenAmount} tokens for each of up to {@code maxRedemptions} users, until {@code expiresAt}. */
public record RedemptionCode(UUID id, String code, int tokenAmount, int maxRedemptions, int redemptionsCount, Instant expiresAt,
                             boolean active) {
}
