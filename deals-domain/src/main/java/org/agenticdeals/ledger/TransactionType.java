package org.agenticdeals.ledger;

/** What moved tokens. Credits: purchase, bonuses, redemption codes, refunds; debits: AI usage, expiration; adjustments either. */
public enum TransactionType {
    /** A token package bought (credit). */
    PURCHASE,
    /** An AI request charged (debit). */
    AI_USAGE,
    /** The signup bonus (credit; a promotional credit that expires). */
    SIGNUP_BONUS,
    /** A referral bonus, to the referrer or the referee (credit; expires). */
    REFERRAL_BONUS,
    /** An admin's correction, either way; audited. */
    ADMIN_ADJUSTMENT,
    /** A redemption code redeemed (credit; expires). */
    REDEMPTION_CODE,
    /** Unused tokens of an AI charge returned (credit). */
    REFUND,
    /** Unspent promotional tokens taken back by the expiry job (debit). */
    EXPIRATION
}
