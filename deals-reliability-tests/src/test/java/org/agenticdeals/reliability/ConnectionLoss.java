package org.agenticdeals.reliability;

import java.util.function.Supplier;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.ErrorCode;

/** How a call whose connection was killed must fail, and how the fault tests call again after it. */
final class ConnectionLoss {

    /**
     * A kill comes every 70 ms on average, so a slow call (an analysis request on a loaded two-core machine) may lose
     * dozens of attempts; a call that loses this many in a row is stuck, not unlucky.
     */
    private static final int MAX_ATTEMPTS = 1_000;

    private ConnectionLoss() {
    }

    /**
     * Whether {@code failure} is what a lost connection must look like: {@code UNAVAILABLE}, retryable, with the
     * SQLSTATE of a terminated session (57P01 admin shutdown) or of a broken connection (08xxx).
     */
    static boolean isConnectionLoss(DealsDataAccessException failure) {
        String state = failure.sqlState().orElse("");
        return failure.code() == ErrorCode.UNAVAILABLE && failure.retryable() && (state.equals("57P01") || state.startsWith("08"));
    }

    /**
     * Calls until the call is answered (returns, or throws a refusal, which is rethrown), calling again with the same
     * arguments after each lost connection: safe only for idempotent calls, since a lost call may have committed
     * before its reply was lost. A database failure that is not a lost connection is recorded as unexpected and
     * rethrown.
     */
    static <T> T untilAnswered(Tally tally, String operation, Supplier<T> call) {
        return untilAnswered(tally, operation, call, () -> {
        });
    }

    /** {@link #untilAnswered(Tally, String, Supplier)}, running {@code afterLoss} after each lost call, before the next. */
    static <T> T untilAnswered(Tally tally, String operation, Supplier<T> call, Runnable afterLoss) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tally.call(operation, call);
            } catch (DealsDataAccessException failure) {
                if (!isConnectionLoss(failure)) {
                    tally.of(operation).unexpected(failure);
                    throw failure;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new AssertionError(operation + " lost its connection " + MAX_ATTEMPTS + " times in a row", failure);
                }
                afterLoss.run();
            }
        }
    }
}
