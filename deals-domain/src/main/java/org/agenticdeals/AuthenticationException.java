package org.agenticdeals;

/**
 * Authentication refused: {@link ErrorCode#BAD_CREDENTIALS} (unknown address or wrong password, deliberately
 * not told apart) or {@link ErrorCode#ACCOUNT_INACTIVE} (right password, deactivated account).
 */
public final class AuthenticationException extends DealsRefusal {

    private static final long serialVersionUID = 1L;

    /**
     * A refused authentication.
     *
     * @param code {@link ErrorCode#BAD_CREDENTIALS} or {@link ErrorCode#ACCOUNT_INACTIVE}
     * @throws IllegalArgumentException for any other code
     */
    public AuthenticationException(ErrorCode code) {
        super(requireAuthenticationCode(code), code == ErrorCode.ACCOUNT_INACTIVE ? "the account is deactivated"
                : "wrong e-mail address or password");
    }

    private static ErrorCode requireAuthenticationCode(ErrorCode code) {
        if (code != ErrorCode.BAD_CREDENTIALS && code != ErrorCode.ACCOUNT_INACTIVE) {
            throw new IllegalArgumentException("not an authentication failure: " + code);
        }
        return code;
    }
}
