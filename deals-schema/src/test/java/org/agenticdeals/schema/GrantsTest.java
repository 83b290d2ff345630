package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.agenticdeals.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application role gets exactly the privilege matrix, re-applied by every migrate. */
class GrantsTest {

    private static PostgresDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestPostgres.migratedDatabase();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void everyTableIsInTheMatrixWithExactlyItsPrivileges() throws SQLException {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("users", "SELECT,INSERT,UPDATE"),
                Map.entry("user_preferences", "SELECT,INSERT,UPDATE"),
                Map.entry("notification_settings", "SELECT,INSERT,UPDATE"),
                Map.entry("markets", "SELECT,INSERT,UPDATE"),
                Map.entry("categories", "SELECT,INSERT,UPDATE"),
                Map.entry("sources", "SELECT,INSERT,UPDATE"),
                Map.entry("deals", "SELECT,INSERT,UPDATE"),
                Map.entry("deal_price_history", "SELECT,INSERT"),
                Map.entry("saved_deals", "SELECT,INSERT,UPDATE,DELETE"),
                Map.entry("user_goals", "SELECT,INSERT,UPDATE"),
                Map.entry("goal_deals", "SELECT,INSERT,UPDATE,DELETE"),
                Map.entry("user_token_balances", "SELECT,INSERT,UPDATE"),
                Map.entry("token_transactions", "SELECT,INSERT"),
                Map.entry("token_transaction_keys", "SELECT,INSERT"),
                Map.entry("token_code_redemptions", "SELECT,INSERT"),
                Map.entry("token_expiring_credits", "SELECT,INSERT,UPDATE"),
                Map.entry("token_packages", "SELECT,INSERT,UPDATE"),
                Map.entry("token_redemption_codes", "SELECT,INSERT,UPDATE"),
                Map.entry("shared_deals", "SELECT,INSERT,UPDATE"),
                Map.entry("social_interactions", "SELECT,INSERT"),
                Map.entry("ai_models", "SELECT,INSERT,UPDATE"),
                Map.entry("ai_prompt_templates", "SELECT,INSERT,UPDATE"),
                Map.entry("ai_analysis_requests", "SELECT,INSERT,UPDATE"),
                Map.entry("notifications", "SELECT,INSERT,UPDATE,DELETE"),
                Map.entry("audit_log", "SELECT"),
                Map.entry("flyway_schema_history", "SELECT"));

        assertThat(privileges()).isEqualTo(expected);
    }

    @Test
    void theApplicationRoleMayCallExactlyTheDefinerFunctionsItNeeds() throws SQLException {
        List<String> callable = TestPostgres.column(database.ownerDataSource(), """
                SELECT p.proname FROM pg_proc p
                WHERE p.pronamespace = 'deals'::regnamespace AND p.prosecdef AND p.prorettype <> 'trigger'::regtype
                  AND has_function_privilege('%s', p.oid, 'EXECUTE')
                ORDER BY p.proname
                """.formatted(database.applicationRole()));

        assertThat(callable).containsExactly("ensure_token_transaction_partitions", "refresh_deal_statistics", "resolve_shared_link");
    }

    @Test
    void migratingAgainRevokesAPrivilegeThatIsNotInTheMatrix() throws SQLException {
        TestPostgres.execute(database.ownerDataSource(),
                "GRANT DELETE, TRUNCATE ON deals.users, deals.token_transactions TO " + database.applicationRole());

        TestPostgres.schemaOf(database).migrate();

        assertThat(privileges()).containsEntry("users", "SELECT,INSERT,UPDATE").containsEntry("token_transactions", "SELECT,INSERT");
    }

    @Test
    void theApplicationRoleOwnsNothingAndCannotCreateInTheSchema() throws SQLException {
        String role = database.applicationRole();
        assertThat(TestPostgres.single(database.ownerDataSource(),
                "SELECT has_schema_privilege('" + role + "', 'deals', 'CREATE')::text || has_schema_privilege('" + role + "', 'deals', 'USAGE')::text"))
                .isEqualTo("falsetrue");
        assertThat(TestPostgres.single(database.ownerDataSource(),
                "SELECT count(*) FROM pg_class WHERE relowner = '" + role + "'::regrole")).isEqualTo("0");
    }

    private static Map<String, String> privileges() throws SQLException {
        List<String> rows = TestPostgres.column(database.ownerDataSource(), """
                SELECT c.relname || '=' || coalesce(string_agg(p.privilege, ',' ORDER BY p.position), '')
                FROM pg_class c
                CROSS JOIN LATERAL (
                    SELECT privilege, position
                    FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'])
                         WITH ORDINALITY AS candidate (privilege, position)
                    WHERE has_table_privilege('%s', c.oid, privilege)
                ) p
                WHERE c.relnamespace = 'deals'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                GROUP BY c.relname
                """.formatted(database.applicationRole()));
        return rows.stream().map(row -> row.split("=")).collect(java.util.stream.Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
