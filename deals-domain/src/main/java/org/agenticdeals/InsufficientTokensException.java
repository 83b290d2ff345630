package org.agenticdeals;

import java.util.UUID;

/** A debit asked for more tokens than the balance holds. Nothing was written. */
public final class InsufficientTokensException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** The user whose balance was short. */
    private final UUID userId;
    /** The balance when the debit was refused. */
    private final int balance;
    /** The tokens the debit asked for. */
    private final int requested;

    /**
     * A refused debit.
     *
     * @param userId the user whose balance was short
     * @param balance the balance when the debit was refused
     * @param requested the tokens the debit asked for
     */
    public InsufficientTokensException(UUID userId, int balance, int requested) {
        super(ErrorCode.INSUFFICIENT_TOKENS, "user " + userId + " has " + balance + " tokens, " + requested + " were requested");
        this.userId = userId;
        this.balance = balance;
        this.requested = requested;
    }

    /** {@return the user whose balance was short} */
    public UUID userId() {
        return userId;
    }

    /** {@return the balance when the debit was refused} */
    public int balance() {
        return balance;
    }

    /** {@return the tokens the debit asked for} */
    public int requested() {
        return requested;
    }
}
