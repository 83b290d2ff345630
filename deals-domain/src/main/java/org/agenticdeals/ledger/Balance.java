package org.agenticdeals.ledger;

import java.util.UUID;

/**
 * A user's tokens. {@code balance == lifetimeEarned - lifetimeSpent} always: earned sums every credit (refunds
 * included), spent every debit (expirations included).
 */
public record Balance(UUID userId, int balance, int lifetimeEarned, int lifetimeSpent) {
}
