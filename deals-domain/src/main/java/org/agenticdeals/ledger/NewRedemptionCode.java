package org.agenticdeals.ledger;

import java.time.Instant;

/**
 * What an admin creates.
 *
 * @param code           4 to 50 letters, digits and dashes; stored in upper case and matched in any case
 * @param tokenAmount    tokens per redemption, 1 to 1,000,000
 * @param maxRedemptions how many users may redeem it, 1 to 1,000,000
 * @param expiresAt      when it stops working; null for never
 */
public record NewRedemptionCode(String code, int tokenAmount, int maxRedemptions, Instant expiresAt) {
}
