package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.agenticdeals.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** updated_at moves to the time of the transaction that really changes a row, and only then. */
class UpdatedAtTriggerTest {

    private static final String LONG_AGO = "2001-02-03 04:05:06+00";

    private static PostgresDatabase database;
    private static UUID user;

    @BeforeAll
    static void seed() throws SQLException {
        database = TestPostgres.migratedDatabase();
        var rows = new Rows(database.ownerDataSource());
        user = rows.user("clock@example.com");
        TestPostgres.execute(database.ownerDataSource(),
                "INSERT INTO deals.user_token_balances (user_id) VALUES ('" + user + "')",
                "INSERT INTO deals.markets (name) VALUES ('Walmart')",
                "INSERT INTO deals.token_packages (name, token_amount, price_usd) VALUES ('Starter', 100, 9.99)");
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "users|name = 'Clock'|email = 'clock@example.com'",
            "markets|url = 'https://walmart.com'|name = 'Walmart'",
            "token_packages|price_usd = 8.99|name = 'Starter'",
            "user_token_balances|balance = balance + 5|user_id = '${user}'"})
    void aRealChangeMovesUpdatedAtAndANoOpUpdateDoesNot(String spec) throws SQLException {
        String[] parts = spec.replace("${user}", user.toString()).split("\\|");
        String table = "deals." + parts[0];
        String where = " WHERE " + parts[2];
        TestPostgres.execute(database.ownerDataSource(), "ALTER TABLE " + table + " DISABLE TRIGGER USER",
                "UPDATE " + table + " SET updated_at = '" + LONG_AGO + "'" + where,
                "ALTER TABLE " + table + " ENABLE TRIGGER USER");

        inApplicationSystemContext("UPDATE " + table + " SET " + parts[2] + where);
        assertThat(updatedAt(table, where)).isEqualTo("t");

        inApplicationSystemContext("UPDATE " + table + " SET " + parts[1] + where);
        assertThat(updatedAt(table, where)).isEqualTo("f");

        inApplicationSystemContext("UPDATE " + table + " SET updated_at = '" + LONG_AGO + "'" + where);
        assertThat(updatedAt(table, where)).as("a caller cannot back-date updated_at").isEqualTo("f");
    }

    /** "t" while updated_at still holds the old value, "f" once it moved to the present. */
    private static String updatedAt(String table, String where) throws SQLException {
        return TestPostgres.single(database.ownerDataSource(),
                "SELECT (updated_at = '" + LONG_AGO + "')::text::char FROM " + table + where);
    }

    private static void inApplicationSystemContext(String statement) throws SQLException {
        try (Connection connection = database.applicationDataSource().getConnection()) {
            connection.setAutoCommit(false);
            RowLevelSecurityTest.inSystemContext(connection);
            RowLevelSecurityTest.execute(connection, statement);
            connection.commit();
        }
    }
}
