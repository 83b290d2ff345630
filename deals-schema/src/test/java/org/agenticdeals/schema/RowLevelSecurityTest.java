package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agenticdeals.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Row-level security seen by the non-superuser application role: in user A's context no query, even one that
 * forgets its WHERE, reads, changes or deletes user B's rows; with no context nothing is visible; the system
 * context sees everything.
 */
class RowLevelSecurityTest {

    /** Every user-owned table and the column that names the owner (goal_deals is owned through its goal). */
    static final Map<String, String> USER_OWNED = Map.ofEntries(
            Map.entry("user_preferences", "user_id"),
            Map.entry("notification_settings", "user_id"),
            Map.entry("saved_deals", "user_id"),
            Map.entry("user_goals", "user_id"),
            Map.entry("goal_deals", "goal_id"),
            Map.entry("user_token_balances", "user_id"),
            Map.entry("token_transactions", "user_id"),
            Map.entry("token_transaction_keys", "user_id"),
            Map.entry("token_code_redemptions", "user_id"),
            Map.entry("token_expiring_credits", "user_id"),
            Map.entry("shared_deals", "user_id"),
            Map.entry("social_interactions", "user_id"),
            Map.entry("ai_analysis_requests", "user_id"),
            Map.entry("notifications", "user_id"));

    private static PostgresDatabase database;
    private static UUID alice;
    private static UUID bob;
    private static UUID bobsGoal;

    @BeforeAll
    static void seed() throws SQLException {
        database = TestPostgres.migratedDatabase();
        var rows = new Rows(database.ownerDataSource());
        alice = rows.user("alice@example.com");
        bob = rows.user("bob@example.com");
        UUID deal = rows.deal("Noise-cancelling headphones");
        rows.everythingOf(alice, deal);
        bobsGoal = rows.everythingOf(bob, deal);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    static List<String> userOwnedTables() {
        return USER_OWNED.keySet().stream().sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("userOwnedTables")
    void aQueryWithoutWhereSeesOnlyTheContextUsersRows(String table) throws SQLException {
        try (Connection connection = applicationConnection()) {
            asUser(connection, alice);
            assertThat(count(connection, "SELECT count(*) FROM deals." + table)).isEqualTo(1);
            assertThat(count(connection, "SELECT count(*) FROM deals." + table + " WHERE " + ownerPredicate(table, bob))).isZero();
            connection.rollback();
        }
    }

    @ParameterizedTest
    @MethodSource("userOwnedTables")
    void anotherUsersRowsCannotBeUpdatedOrDeleted(String table) throws SQLException {
        String bobsRows = " WHERE " + ownerPredicate(table, bob);
        String column = USER_OWNED.get(table);
        for (String change : List.of("UPDATE deals." + table + " SET " + column + " = " + column + bobsRows,
                "DELETE FROM deals." + table + bobsRows)) {
            try (Connection connection = applicationConnection()) {
                asUser(connection, alice);
                try (Statement statement = connection.createStatement()) {
                    assertThat(statement.executeUpdate(change)).as(change).isZero();
                } catch (SQLException refused) {
                    // Append-only tables refuse the statement outright.
                    assertThat(refused.getSQLState()).as(change).isEqualTo("42501");
                }
                connection.commit();
            }
        }
        try (Connection connection = applicationConnection()) {
            inSystemContext(connection);
            assertThat(count(connection, "SELECT count(*) FROM deals." + table + bobsRows)).isEqualTo(1);
            connection.rollback();
        }
    }

    @Test
    void aRowForAnotherUserCannotBeWritten() throws SQLException {
        try (Connection connection = applicationConnection()) {
            asUser(connection, alice);
            assertThatThrownBy(() -> execute(connection,
                    "INSERT INTO deals.notifications (user_id, type, title, content) VALUES ('" + bob + "', 'system_message', 'x', 'y')"))
                    .isInstanceOfSatisfying(SQLException.class, refused -> {
                        assertThat(refused.getSQLState()).isEqualTo("42501");
                        assertThat(refused.getMessage()).contains("row-level security");
                    });
            connection.rollback();
            asUser(connection, alice);
            assertThatThrownBy(() -> execute(connection,
                    "INSERT INTO deals.goal_deals (goal_id, deal_id, relevance_score) SELECT '" + bobsGoal + "', id, 1 FROM deals.deals"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            connection.rollback();
        }
    }

    @ParameterizedTest
    @MethodSource("userOwnedTables")
    void withNoContextNothingIsVisible(String table) throws SQLException {
        try (Connection connection = applicationConnection()) {
            assertThat(count(connection, "SELECT count(*) FROM deals." + table)).isZero();
            connection.rollback();
        }
    }

    @ParameterizedTest
    @MethodSource("userOwnedTables")
    void theSystemContextSeesEveryUsersRows(String table) throws SQLException {
        try (Connection connection = applicationConnection()) {
            inSystemContext(connection);
            assertThat(count(connection, "SELECT count(*) FROM deals." + table)).isEqualTo(2);
            connection.rollback();
        }
    }

    @Test
    void theContextEndsWithItsTransaction() throws SQLException {
        try (Connection connection = applicationConnection()) {
            asUser(connection, alice);
            assertThat(count(connection, "SELECT count(*) FROM deals.notifications")).isEqualTo(1);
            connection.commit();
            assertThat(count(connection, "SELECT count(*) FROM deals.notifications")).isZero();
            connection.rollback();
        }
    }

    @Test
    void everyUserOwnedTableForcesRowLevelSecuritySoEvenItsOwnerIsSubject() throws SQLException {
        List<String> forced = TestPostgres.column(database.ownerDataSource(),
                "SELECT relname FROM pg_class WHERE relnamespace = 'deals'::regnamespace AND relrowsecurity AND relforcerowsecurity"
                        + " AND NOT relispartition ORDER BY relname");

        assertThat(forced).containsExactlyElementsOf(userOwnedTables());
    }

    @Test
    void aMalformedUserIdIsAnErrorNotAnotherUsersRows() throws SQLException {
        try (Connection connection = applicationConnection()) {
            execute(connection, "SELECT set_config('app.current_user_id', 'not-a-uuid', true)");
            assertThatThrownBy(() -> count(connection, "SELECT count(*) FROM deals.notifications"))
                    .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo("22P02"));
            connection.rollback();
        }
    }

    private static String ownerPredicate(String table, UUID user) {
        return table.equals("goal_deals")
                ? "goal_id IN (SELECT id FROM deals.user_goals WHERE user_id = '" + user + "')"
                : "user_id = '" + user + "'";
    }

    private static Connection applicationConnection() throws SQLException {
        Connection connection = database.applicationDataSource().getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    static void asUser(Connection connection, UUID user) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('app.current_user_id', ?, true)")) {
            statement.setString(1, user.toString());
            statement.execute();
        }
    }

    static void inSystemContext(Connection connection) throws SQLException {
        execute(connection, "SELECT set_config('app.system_context', 'on', true)");
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
