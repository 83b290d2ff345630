package org.agenticdeals;

import java.util.Optional;

/**
 * The database failed: unreachable, a broken connection, a timeout, conflicts that outlasted the bounded
 * retries, or a bug. Carries the SQLSTATE; never the caller's fault. {@link #retryable()} says whether trying
 * the same call again later may succeed.
 */
public final class DealsDataAccessException extends DealsException {

    private static final long serialVersionUID = 1L;

    /** PostgreSQL's SQLSTATE, or null. */
    private final String sqlState;

    /**
     * A database failure.
     *
     * @param code what kind of failure
     * @param message what failed, for the log; the library's own messages carry no SQL, values or server detail
     * @param sqlState PostgreSQL's SQLSTATE, or null
     * @param cause the driver's or jOOQ's exception
     */
    public DealsDataAccessException(ErrorCode code, String message, String sqlState, Throwable cause) {
        super(code, message, cause);
        this.sqlState = sqlState;
    }

    /** {@return PostgreSQL's SQLSTATE, when the failure came from the server or the driver} */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /** {@return whether the same call may succeed later}: conflicts, timeouts and unavailability are transient. */
    public boolean retryable() {
        return code() == ErrorCode.CONCURRENT_UPDATE || code() == ErrorCode.TIMEOUT || code() == ErrorCode.UNAVAILABLE;
    }
}
