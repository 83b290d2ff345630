package org.agenticdeals;

/**
 * E-mail verification refused: the token is unknown or used ({@link ErrorCode#VERIFICATION_TOKEN_INVALID}),
 * past its expiry ({@link ErrorCode#VERIFICATION_TOKEN_EXPIRED}), or the address is verified already
 * ({@link ErrorCode#ALREADY_VERIFIED}).
 */
public final class VerificationException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /**
     * A refused verification.
     *
     * @param code {@link ErrorCode#VERIFICATION_TOKEN_INVALID}, {@link ErrorCode#VERIFICATION_TOKEN_EXPIRED} or {@link
     *             ErrorCode#ALREADY_VERIFIED}
     * @throws IllegalArgumentException for any other code
     */
    public VerificationException(ErrorCode code) {
        super(requireVerificationCode(code), switch (code) {
            case VERIFICATION_TOKEN_EXPIRED -> "the verification token has expired; request a new one";
            case ALREADY_VERIFIED -> "the e-mail address is verified already";
            default -> "the verification token is not valid";
        });
    }

    private static ErrorCode requireVerificationCode(ErrorCode code) {
        if (code != ErrorCode.VERIFICATION_TOKEN_INVALID && code != ErrorCode.VERIFICATION_TOKEN_EXPIRED
                && code != ErrorCode.ALREADY_VERIFIED) {
            throw new IllegalArgumentException("not a verification failure: " + code);
        }
        return code;
    }
}
