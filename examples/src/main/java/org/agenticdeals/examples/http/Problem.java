package org.agenticdeals.examples.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.agenticdeals.ConflictException;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.DealsException;
import org.agenticdeals.DealsRefusal;
import org.agenticdeals.ValidationException;

/**
 * An error response: its HTTP status and its JSON body ({@code error}, {@code message}, and {@code field} and
 * {@code rule} where the library names them). Every {@link org.agenticdeals.ErrorCode} has its status here, so a new
 * code fails the build until it is mapped.
 */
record Problem(int status, String error, String message, String field, String rule) {

    /** A failure of the HTTP layer itself: no session, an unknown route, a body that is not JSON. */
    static final class HttpFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        HttpFailure(int status, String error, String message) {
            super(message);
            this.problem = new Problem(status, error, message, null, null);
        }

        Problem problem() {
            return problem;
        }
    }

    /** The response for a library exception. A database failure's message and SQLSTATE stay in the server's log. */
    static Problem of(DealsException failure) {
        int status = switch (failure.code()) {
            case VALIDATION_FAILED, VERIFICATION_TOKEN_INVALID, VERIFICATION_TOKEN_EXPIRED -> 400;
            case BAD_CREDENTIALS, ACCOUNT_INACTIVE -> 401;
            case INSUFFICIENT_TOKENS -> 402;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND, SHARE_LINK_UNAVAILABLE -> 404;
            case CONFLICT, ALREADY_VERIFIED, REDEMPTION_REFUSED, REFUND_REFUSED, ILLEGAL_TRANSITION -> 409;
            case DATA_ACCESS -> 500;
            case MODEL_UNAVAILABLE, CONCURRENT_UPDATE, TIMEOUT, UNAVAILABLE -> 503;
        };
        if (failure instanceof DealsDataAccessException) {
            return new Problem(status, failure.code().name(), status == 503 ? "the database is busy or unavailable; try again later"
                    : "internal error", null, null);
        }
        if (failure instanceof ValidationException invalid) {
            return new Problem(status, failure.code().name(), failure.getMessage(), invalid.field(), invalid.rule());
        }
        if (failure instanceof ConflictException conflict) {
            return new Problem(status, failure.code().name(), failure.getMessage(), conflict.field(), null);
        }
        if (failure instanceof DealsRefusal) {
            return new Problem(status, failure.code().name(), failure.getMessage(), null, null);
        }
        throw new IllegalStateException("unknown kind of DealsException: " + failure.getClass().getName(), failure);
    }

    /** Any other exception: a bug; nothing about it leaves the server. */
    static Problem internal() {
        return new Problem(500, "INTERNAL", "internal error", null, null);
    }

    /** The JSON body. */
    Map<String, Object> body() {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", error);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        if (rule != null) {
            body.put("rule", rule);
        }
        return body;
    }
}
