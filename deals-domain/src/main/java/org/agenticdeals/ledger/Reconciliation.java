package org.agenticdeals.ledger;

import java.util.UUID;

/**
 * How a user's balance row compares with their ledger.
 *
 * @param sumOfAmounts     the sum of every transaction's amount: must equal {@code balance}
 * @param sumOfCredits     must equal {@code lifetimeEarned}
 * @param sumOfDebits      must equal {@code lifetimeSpent}
 * @param brokenChainLinks entries whose {@code balance_after} is not the running sum up to them (in ledger order)
 */
public record Reconciliation(UUID userId, int balance, int lifetimeEarned, int lifetimeSpent, long sumOfAmounts, long sumOfCredits,
                             long sumOfDebits, int brokenChainLinks) {

    /** {@return whether the balance row and the ledger agree in every respect} */
    public boolean clean() {
        return balance == sumOfAmounts && lifetimeEarned == sumOfCredits && lifetimeSpent == sumOfDebits && brokenChainLinks == 0;
    }
}
