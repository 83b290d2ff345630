package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.agenticdeals.postgres.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A migration that cannot get its lock fails fast, and the host's pooled connections keep their own settings. */
class LockTimeoutTest {

    @Test
    void aMigrationBlockedByALongTransactionFailsWithinTheLockTimeout() throws SQLException {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            DealsSchema schema = DealsSchema.builder(database.ownerDataSource()).lockTimeout(Duration.ofMillis(300)).build();
            Flyway.configure().configuration(schema.flyway().getConfiguration()).target("2").load().migrate();

            try (Connection blocker = database.ownerDataSource().getConnection()) {
                blocker.setAutoCommit(false);
                RowLevelSecurityTest.execute(blocker, "UPDATE deals.users SET name = name");

                assertThatThrownBy(schema::migrate)
                        .isInstanceOf(SchemaMigrationException.class)
                        .hasMessageContaining("55P03")
                        .hasMessageContaining("lock timeout");
                blocker.rollback();
            }
            assertThat(schema.currentVersion()).contains("2");
            assertThat(schema.migrate().appliedVersions()).startsWith("3");
        }
    }

    @Test
    void thePooledConnectionFlywayBorrowedHasItsLockTimeoutResetAfterwards() throws SQLException {
        try (PostgresDatabase database = TestPostgres.emptyDatabase();
             Connection shared = database.ownerDataSource().getConnection()) {
            Connection neverClosed = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, arguments) -> method.getName().equals("close") ? null : method.invoke(shared, arguments));
            var singleConnectionPool = new org.postgresql.ds.PGSimpleDataSource() {
                @Override
                public Connection getConnection() {
                    return neverClosed;
                }
            };

            DealsSchema.builder(singleConnectionPool).lockTimeout(Duration.ofSeconds(7)).build().migrate();

            assertThat(RowLevelSecurityTest.count(shared, "SELECT count(*) FROM pg_settings WHERE name = 'lock_timeout' AND setting = '0'"))
                    .isEqualTo(1);
        }
    }
}
