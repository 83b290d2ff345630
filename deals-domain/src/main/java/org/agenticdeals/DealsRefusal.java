package org.agenticdeals;

/**
 * A request refused by a business rule: bad input, a missing or foreign row, a taken name, wrong credentials,
 * a missing permission. Part of the API; the call wrote nothing.
 */
public abstract sealed class DealsRefusal extends DealsException
        permits ValidationException, NotFoundException, ConflictException, AuthenticationException, VerificationException,
        PermissionDeniedException, InsufficientTokensException, RedemptionRefusedException, RefundRefusedException,
        ShareLinkUnavailableException, ModelUnavailableException, IllegalTransitionException {

    private static final long serialVersionUID = 1L;

    DealsRefusal(ErrorCode code, String message) {
        super(code, message, null);
    }
}
