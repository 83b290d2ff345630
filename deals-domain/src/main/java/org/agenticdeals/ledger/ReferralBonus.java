package org.agenticdeals.ledger;

/** The two credits of one referral: the referrer's and the referee's. */
public record ReferralBonus(LedgerEntry referrer, LedgerEntry referee) {
}
