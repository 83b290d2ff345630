package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.agenticdeals.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sensitive changes are recorded by triggers, whoever makes them, and the application cannot alter the record. */
class AuditLogTest {

    private PostgresDatabase database;
    private UUID admin;
    private UUID user;

    @BeforeEach
    void seed() throws SQLException {
        database = TestPostgres.migratedDatabase();
        var rows = new Rows(database.ownerDataSource());
        admin = rows.user("admin@example.com");
        user = rows.user("user@example.com");
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void roleAndActiveFlagChangesAreRecordedWithTheActingAdmin() throws SQLException {
        asAdminInSystemContext(
                "UPDATE deals.users SET role = 'moderator' WHERE id = '" + user + "'",
                "UPDATE deals.users SET is_active = false WHERE id = '" + user + "'",
                "UPDATE deals.users SET name = 'Renamed' WHERE id = '" + user + "'");

        assertThat(auditRows()).containsExactly(
                List.of(admin.toString(), "user.role_changed", "users", user.toString(), "{\"role\": \"user\"}", "{\"role\": \"moderator\"}"),
                List.of(admin.toString(), "user.deactivated", "users", user.toString(), "{\"is_active\": true}", "{\"is_active\": false}"));
    }

    @Test
    void anAdminAdjustmentRecordsTheBalanceBeforeAndAfterEvenInALaterPartition() throws SQLException {
        TestPostgres.schemaOf(database).ensureTokenTransactionPartitions(YearMonth.of(2040, 1), 1);
        asAdminInSystemContext(
                "INSERT INTO deals.token_transactions (user_id, transaction_type, amount, balance_after, description, created_at)"
                        + " VALUES ('" + user + "', 'admin_adjustment', -30, 70, 'goodwill correction', '2040-01-15 00:00:00+00')",
                "INSERT INTO deals.token_transactions (user_id, transaction_type, amount, balance_after)"
                        + " VALUES ('" + user + "', 'purchase', 100, 100)");

        List<List<String>> rows = auditRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).subList(0, 5)).containsExactly(admin.toString(), "tokens.admin_adjustment", "user_token_balances",
                user.toString(), "{\"balance\": 100}");
        assertThat(rows.get(0).get(5)).contains("\"amount\": -30", "\"balance\": 70", "\"description\": \"goodwill correction\"");
    }

    @Test
    void redemptionCodeCreationAndDeactivationAreRecorded() throws SQLException {
        asAdminInSystemContext(
                "INSERT INTO deals.token_redemption_codes (code, token_amount, max_redemptions, created_by) VALUES ('SPRING', 25, 3, '" + admin + "')",
                "UPDATE deals.token_redemption_codes SET redemptions_count = 1 WHERE code = 'SPRING'",
                "UPDATE deals.token_redemption_codes SET is_active = false WHERE code = 'SPRING'");

        List<List<String>> rows = auditRows();
        assertThat(rows).extracting(row -> row.get(1)).containsExactly("redemption_code.created", "redemption_code.deactivated");
        assertThat(rows.get(0).get(5)).contains("\"code\": \"SPRING\"", "\"token_amount\": 25", "\"max_redemptions\": 3");
    }

    @Test
    void theApplicationRoleReadsTheLogButCannotWriteOrChangeIt() throws SQLException {
        asAdminInSystemContext("UPDATE deals.users SET role = 'admin' WHERE id = '" + user + "'");

        try (Connection connection = database.applicationDataSource().getConnection()) {
            assertThat(RowLevelSecurityTest.count(connection, "SELECT count(*) FROM deals.audit_log")).isEqualTo(1);
            for (String tampering : List.of("DELETE FROM deals.audit_log",
                    "UPDATE deals.audit_log SET action = 'nothing'",
                    "INSERT INTO deals.audit_log (action, table_name, row_id) VALUES ('forged', 'users', 'x')")) {
                assertThatThrownBy(() -> RowLevelSecurityTest.execute(connection, tampering))
                        .as(tampering)
                        .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
            }
        }
    }

    @Test
    void withNoActorSetTheLogRecordsTheDatabaseUser() throws SQLException {
        TestPostgres.execute(database.ownerDataSource(), "UPDATE deals.users SET is_active = false WHERE id = '" + user + "'");

        assertThat(TestPostgres.single(database.ownerDataSource(),
                "SELECT coalesce(actor_id::text, 'none') || ' ' || database_user FROM deals.audit_log"))
                .isEqualTo("none " + database.owner().user());
    }

    /** Runs the statements as the application role in the system context, with {@code admin} as the actor. */
    private void asAdminInSystemContext(String... statements) throws SQLException {
        try (Connection connection = database.applicationDataSource().getConnection()) {
            connection.setAutoCommit(false);
            RowLevelSecurityTest.inSystemContext(connection);
            RowLevelSecurityTest.execute(connection, "SELECT set_config('app.actor_id', '" + admin + "', true)");
            for (String statement : statements) {
                RowLevelSecurityTest.execute(connection, statement);
            }
            connection.commit();
        }
    }

    private List<List<String>> auditRows() throws SQLException {
        return TestPostgres.column(database.ownerDataSource(),
                        "SELECT concat_ws('|', actor_id, action, table_name, row_id, coalesce(old_values::text, ''), new_values::text)"
                                + " FROM deals.audit_log ORDER BY id")
                .stream().map(row -> List.of(row.split("\\|", -1))).toList();
    }
}
