package org.agenticdeals.ledger;

/** What moved tokens. Credits: purchase, bonuses, redemption codes, refunds; debits: AI usage, expiration; adjustments either. */
public enum TransactionType {
    PURCHASE,
    AI_USAGE,
    SIGNUP_BONUS,
    REFERRAL_BONUS,
    ADMIN_ADJUSTMENT,
    REDEMPTION_CODE,
    REFUND,
    EXPIRATION
}
