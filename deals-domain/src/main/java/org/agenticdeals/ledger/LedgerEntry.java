package org.agenticdeals.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the ledger: a credit (positive {@code amount}) or a debit (negative).
 *
 * @param balanceAfter the user's balance right after this entry
 * @param referenceId  what the entry refers to: the AI request charged, the charge refunded, the code redeemed; or null
 * @param replayed     true when the call that returned this entry repeated an earlier idempotency key: the entry is
 *                     the original one and nothing changed
 */
public record LedgerEntry(UUID id, UUID userId, TransactionType type, int amount, int balanceAfter, String description,
                          UUID referenceId, Instant createdAt, boolean replayed) {
}
