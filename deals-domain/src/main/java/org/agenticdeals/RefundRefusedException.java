package org.agenticdeals;

import java.util.UUID;

/**
 * A refund would return more tokens than the original transaction charged, counting the refunds before it,
 * or refers to a transaction that charged nothing. Nothing was written.
 */
public final class RefundRefusedException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** The transaction the refund referred to. */
    private final UUID originalTransactionId;
    /** What was left to refund. */
    private final int refundable;
    /** The tokens the refund asked for. */
    private final int requested;

    /**
     * A refused refund.
     *
     * @param originalTransactionId the transaction the refund referred to
     * @param refundable what is left to refund
     * @param requested the tokens the refund asked for
     */
    public RefundRefusedException(UUID originalTransactionId, int refundable, int requested) {
        super(ErrorCode.REFUND_REFUSED, "transaction " + originalTransactionId + " has " + refundable + " tokens left to refund, "
                + requested + " were requested");
        this.originalTransactionId = originalTransactionId;
        this.refundable = refundable;
        this.requested = requested;
    }

    /** {@return the transaction the refund referred to} */
    public UUID originalTransactionId() {
        return originalTransactionId;
    }

    /** {@return what is left to refund}: the charge minus the refunds so far. */
    public int refundable() {
        return refundable;
    }

    /** {@return the tokens the refund asked for} */
    public int requested() {
        return requested;
    }
}
