package org.agenticdeals;

import java.util.UUID;

/**
 * A refund would return more tokens than the original transaction charged, counting the refunds before it,
 * or refers to a transaction that charged nothing. Nothing was written.
 */
public final class RefundRefusedException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    private final UUID originalTransactionId;
    private final int refundable;
    private final int requested;

    public RefundRefusedException(UUID originalTransactionId, int refundable, int requested) {
        super(ErrorCode.REFUND_REFUSED, "transaction " + originalTransactionId + " has " + refundable + " tokens left to refund, "
                + requested + " were requested");
        this.originalTransactionId = originalTransactionId;
        this.refundable = refundable;
        this.requested = requested;
    }

    public UUID originalTransactionId() {
        return originalTransactionId;
    }

    /** What is left to refund: the charge minus the refunds so far. */
    public int refundable() {
        return refundable;
    }

    public int requested() {
        return requested;
    }
}
