package org.agenticdeals;

import java.util.UUID;

/** A debit asked for more tokens than the balance holds. Nothing was written. */
public final class InsufficientTokensException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    private final UUID userId;
    private final int balance;
    private final int requested;

    public InsufficientTokensException(UUID userId, int balance, int requested) {
        super(ErrorCode.INSUFFICIENT_TOKENS, "user " + userId + " has " + balance + " tokens, " + requested + " were requested");
        this.userId = userId;
        this.balance = balance;
        this.requested = requested;
    }

    public UUID userId() {
        return userId;
    }

    /** The balance when the debit was refused. */
    public int balance() {
        return balance;
    }

    /** The tokens the debit asked for. */
    public int requested() {
        return requested;
    }
}
