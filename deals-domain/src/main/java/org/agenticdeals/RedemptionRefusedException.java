package org.agenticdeals;

/** A redemption code cannot be redeemed now: {@link #reason()} says why. Nothing was written. */
public final class RedemptionRefusedException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /** Why a code was refused. */
    public enum Reason {
        /** No code has this text. */
        NOT_FOUND,
        /** The code was deactivated. */
        INACTIVE,
        /** The code is past its expiry. */
        EXPIRED,
        /** The code was redeemed its maximum number of times. */
        EXHAUSTED,
        /** This user redeemed the code before. */
        ALREADY_REDEEMED
    }

    /** Why the code was refused. */
    private final Reason reason;

    /**
     * A refused redemption.
     *
     * @param reason why the code was refused
     */
    public RedemptionRefusedException(Reason reason) {
        super(ErrorCode.REDEMPTION_REFUSED, switch (reason) {
            case NOT_FOUND -> "no such redemption code";
            case INACTIVE -> "the redemption code is no longer active";
            case EXPIRED -> "the redemption code has expired";
            case EXHAUSTED -> "the redemption code has been redeemed its maximum number of times";
            case ALREADY_REDEEMED -> "the user has redeemed this code already";
        });
        this.reason = reason;
    }

    /** {@return why the code was refused} */
    public Reason reason() {
        return reason;
    }
}
