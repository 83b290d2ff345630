package org.agenticdeals.ledger;

/**
 * What one run of the expiry job did.
 *
 * @param users         users who lost tokens (one {@code expiration} transaction each)
 * @param tokensExpired tokens taken in all
 * @param creditsClosed lapsed credits marked expired (fully spent ones included)
 */
public record ExpiryRun(int users, long tokensExpired, int creditsClosed) {
}
