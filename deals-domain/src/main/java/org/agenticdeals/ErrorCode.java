package org.agenticdeals;

/**
 * A stable, machine-readable name for every way a call can fail, for hosts that map failures to HTTP statuses
 * or messages. Each {@link DealsException} carries one.
 */
public enum ErrorCode {
    /** An argument broke a rule; nothing was written. ({@link ValidationException}) */
    VALIDATION_FAILED,
    /** The thing named does not exist, or is not visible to the caller. ({@link NotFoundException}) */
    NOT_FOUND,
    /** A unique value (an e-mail address, a name) is taken. ({@link ConflictException}) */
    CONFLICT,
    /** Wrong e-mail address or password. ({@link AuthenticationException}) */
    BAD_CREDENTIALS,
    /** The account is deactivated. ({@link AuthenticationException}) */
    ACCOUNT_INACTIVE,
    /** A verification token is unknown or already used. ({@link VerificationException}) */
    VERIFICATION_TOKEN_INVALID,
    /** A verification token is past its expiry. ({@link VerificationException}) */
    VERIFICATION_TOKEN_EXPIRED,
    /** The address is verified already. ({@link VerificationException}) */
    ALREADY_VERIFIED,
    /** The acting user lacks the role the operation needs. ({@link PermissionDeniedException}) */
    PERMISSION_DENIED,
    /** A debit asked for more tokens than the balance holds. ({@link InsufficientTokensException}) */
    INSUFFICIENT_TOKENS,
    /** A redemption code was refused. ({@link RedemptionRefusedException}) */
    REDEMPTION_REFUSED,
    /** A refund would exceed what was charged. ({@link RefundRefusedException}) */
    REFUND_REFUSED,
    /** A shared link cannot be followed: unknown, deactivated, expired, or its deal is gone. ({@link ShareLinkUnavailableException}) */
    SHARE_LINK_UNAVAILABLE,
    /** No active AI model has the capability, and there is no active fallback. ({@link ModelUnavailableException}) */
    MODEL_UNAVAILABLE,
    /** The current state does not allow the change, e.g. completing a request another worker holds. ({@link IllegalTransitionException}) */
    ILLEGAL_TRANSITION,
    /** Concurrent transactions kept conflicting after the library's bounded retries; retrying later may succeed. */
    CONCURRENT_UPDATE,
    /** A lock or statement timeout ended the call. */
    TIMEOUT,
    /** The database could not be reached, or the connection broke; retrying later may succeed. */
    UNAVAILABLE,
    /** Any other database failure: a bug or an operational problem, never the caller's input. */
    DATA_ACCESS
}
