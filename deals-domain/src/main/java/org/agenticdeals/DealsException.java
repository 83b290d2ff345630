package org.agenticdeals;

import java.util.Objects;

/**
 * Every exception the library throws on purpose: either a {@link DealsRefusal} (the request was refused by a
 * business rule; nothing was written) or a {@link DealsDataAccessException} (the database failed).
 * Unchecked; {@link #code()} names the failure for programs.
 */
public abstract sealed class DealsException extends RuntimeException permits DealsRefusal, DealsDataAccessException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    private final ErrorCode code;

    DealsException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** {@return what kind of failure this is} */
    public ErrorCode code() {
        return code;
    }
}
