package org.agenticdeals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.DealsException;
import org.agenticdeals.ErrorCode;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How database failures read to a host: which are retryable, and under which code. */
class ErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "57P01, UNAVAILABLE", // the session was terminated (an operator, a failover)
            "57P03, UNAVAILABLE", // the server is starting or shutting down
            "08001, UNAVAILABLE", // no connection could be made
            "08006, UNAVAILABLE", // the connection broke
            "53300, UNAVAILABLE", // too many connections
            "57014, TIMEOUT",     // statement timeout
            "55P03, TIMEOUT",     // lock timeout
            "40001, CONCURRENT_UPDATE",
            "40P01, CONCURRENT_UPDATE"})
    void transientFailuresAreRetryableUnderTheirCode(String sqlState, ErrorCode code) {
        DealsException translated = Errors.translate(new DataAccessException("failed", new SQLException("failed", sqlState)));

        assertThat(translated).isInstanceOfSatisfying(DealsDataAccessException.class, failure -> {
            assertThat(failure.code()).isEqualTo(code);
            assertThat(failure.sqlState()).contains(sqlState);
            assertThat(failure.retryable()).isTrue();
        });
    }

    @Test
    void aPoolThatTimedOutWithoutAnSqlStateIsUnavailable() {
        var timedOut = new SQLTransientConnectionException("deals - Connection is not available, request timed out after 250ms");

        DealsException translated = Errors.translate(new DataAccessException("Error getting connection from data source", timedOut));

        assertThat(translated).isInstanceOfSatisfying(DealsDataAccessException.class, failure -> {
            assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(failure.retryable()).isTrue();
        });
    }

    @Test
    void anUnknownFailureIsNotRetryable() {
        DealsException translated = Errors.translate(new DataAccessException("failed", new SQLException("something else")));

        assertThat(translated).isInstanceOfSatisfying(DealsDataAccessException.class, failure -> {
            assertThat(failure.code()).isEqualTo(ErrorCode.DATA_ACCESS);
            assertThat(failure.retryable()).isFalse();
        });
    }
}
