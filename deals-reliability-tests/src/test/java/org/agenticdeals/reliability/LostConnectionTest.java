package org.agenticdeals.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsConfig;
import org.agenticdeals.DealsDataAccessException;
import org.agenticdeals.ErrorCode;
import org.agenticdeals.testkit.DealsDatabaseExtension;
import org.agenticdeals.testkit.Fixtures;
import org.agenticdeals.testkit.Seed;
import org.agenticdeals.testkit.SeedData;
import org.agenticdeals.testkit.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/**
 * Two ways a connection is lost that once escaped as a non-retryable {@code DATA_ACCESS} failure without an SQLSTATE,
 * reproduced exactly (the connection-killing storm found the first by chance). Both are retryable {@code UNAVAILABLE}
 * now.
 */
@Tag("reliability")
class LostConnectionTest {

    @RegisterExtension
    static final DealsDatabaseExtension database = DealsDatabaseExtension.seeded(Seed.demo());

    /**
     * The session dies between a nested call's last statement and the release of its savepoint. jOOQ's nested
     * transactions ignored the failed release; HikariCP had already closed the broken connection, so the enclosing
     * transaction's next statement failed with "Connection is closed" and no SQLSTATE.
     */
    @Test
    void aSessionLostWhileReleasingANestedCallsSavepointIsUnavailable(Deals deals, TestDatabase test, SeedData seed, Fixtures fixtures)
            throws Exception {
        assumeTrue(BackendKiller.permitted(test), "the owner role may not terminate other sessions");
        UUID user = fixtures.user().create().getId();
        deals.ledger().adjust(seed.admin().id(), user, 100, "funds", "funds-" + user);
        UUID request = UUID.randomUUID();
        try (HikariDataSource pool = pool(test, 2, 10_000)) {
            var armed = new AtomicBoolean();
            Deals composing = Deals.create(DealsConfig.builder().dataSource(killingOnRelease(pool, test, armed)).build());

            armed.set(true);
            assertThatThrownBy(() -> composing.inTransaction(tx -> {
                tx.ledger().chargeAiUsage(user, 5, request);
                return tx.ledger().balance(user);
            })).isInstanceOfSatisfying(DealsDataAccessException.class, lost -> {
                assertThat(lost.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(lost.retryable()).isTrue();
                assertThat(lost.sqlState()).hasValueSatisfying(state -> assertThat(state).matches("57P01|08..."));
            });

            assertThat(armed.get()).as("the session was killed at the release").isFalse();
            assertThat(test.ownerDsl().fetchValue("select count(*) from deals.token_transaction_keys where idempotency_key = ?",
                    "ai_usage:" + request)).as("nothing written").isEqualTo(0L);
            assertThat(composing.inTransaction(tx -> tx.ledger().chargeAiUsage(user, 5, request)).balanceAfter()).isEqualTo(95);
        }
    }

    /** Every connection of the pool is busy: HikariCP times out with no SQLSTATE when no connection attempt had failed. */
    @Test
    void aPoolWithNoFreeConnectionIsUnavailable(TestDatabase test, SeedData seed) throws SQLException {
        try (HikariDataSource pool = pool(test, 1, 250)) {
            Deals deals = Deals.create(DealsConfig.builder().dataSource(pool).build());
            try (Connection busy = pool.getConnection()) {
                assertThat(busy.isValid(1)).isTrue();
                assertThatThrownBy(() -> deals.ledger().balance(seed.regularUsers().get(0).id()))
                        .isInstanceOfSatisfying(DealsDataAccessException.class, exhausted -> {
                            assertThat(exhausted.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                            assertThat(exhausted.retryable()).isTrue();
                        });
            }
            assertThat(deals.ledger().balance(seed.regularUsers().get(0).id()).balance()).isNotNegative();
        }
    }

    private static HikariDataSource pool(TestDatabase test, int size, long connectionTimeoutMillis) {
        var config = new HikariConfig();
        config.setJdbcUrl(test.application().jdbcUrl());
        config.setUsername(test.application().user());
        config.setPassword(test.application().password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(connectionTimeoutMillis);
        return new HikariDataSource(config);
    }

    /**
     * {@code pool}'s connections, except that while {@code armed}, the first {@code releaseSavepoint} first terminates
     * the connection's own server session (and waits until it is gone), as a failover or an operator would at that
     * instant; the release then meets the dead session.
     */
    private static DataSource killingOnRelease(HikariDataSource pool, TestDatabase test, AtomicBoolean armed) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = pool.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, arguments) -> {
                            if (method.getName().equals("releaseSavepoint") && armed.compareAndSet(true, false)) {
                                terminate(test, connection.unwrap(PGConnection.class).getBackendPID());
                            }
                            try {
                                return method.invoke(connection, arguments);
                            } catch (InvocationTargetException failed) {
                                throw failed.getCause();
                            }
                        });
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                return pool.unwrap(type);
            }

            @Override
            public boolean isWrapperFor(Class<?> type) throws SQLException {
                return pool.isWrapperFor(type);
            }
        };
    }

    private static void terminate(TestDatabase test, int pid) throws InterruptedException {
        test.ownerDsl().fetchValue("select pg_terminate_backend(?)", pid);
        for (int wait = 0; wait < 500
                && test.ownerDsl().fetchValue("select count(*) from pg_stat_activity where pid = ?", pid) instanceof Long count && count > 0; wait++) {
            Thread.sleep(10);
        }
    }
}
