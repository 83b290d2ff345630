package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.agenticdeals.postgres.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Goals that existed before V11 get their match_ columns from V12's batches without looking edited; goals written
 * afterwards get them from V11's trigger, and a change of parameters recomputes them.
 */
class GoalMatchColumnsBackfillTest {

    private static final int EXISTING_GOALS = 7_321;

    @Test
    void existingGoalsAreBackfilledAndChangedParametersRecomputeTheColumns() throws SQLException {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            DealsSchema schema = TestPostgres.schemaOf(database);
            Flyway.configure().configuration(schema.flyway().getConfiguration()).target("10").load().migrate();
            TestPostgres.execute(database.ownerDataSource(),
                    "INSERT INTO deals.users (id, email, hashed_password, name) VALUES ('00000000-0000-0000-0000-000000000001', 'a@example.com', 'x', 'A')",
                    """
                    INSERT INTO deals.user_goals (id, user_id, title, parameters, updated_at)
                    SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'Goal ' || n,
                           jsonb_build_object('keywords', jsonb_build_array('noise cancelling', 'headphones'),
                                              'any_keywords', jsonb_build_array('sony', 'bose'),
                                              'markets', jsonb_build_array('00000000-0000-0000-0000-0000000000a1')),
                           timestamptz '2025-02-01'
                    FROM generate_series(1, %d) n
                    """.formatted(EXISTING_GOALS));

            schema.migrate();

            assertThat(TestPostgres.column(database.ownerDataSource(), """
                    SELECT count(*) FILTER (WHERE match_query::text = '''nois'' & ''cancel'' & ''headphon'' & ( ''soni'' | ''bose'' )')
                           || ' ' || count(*) FILTER (WHERE cardinality(match_terms) = 4 AND any_lexemes = '{soni,bose}'
                                                      AND required_lexemes = '{cancel,headphon,nois}'
                                                      AND match_markets = '{00000000-0000-0000-0000-0000000000a1}' AND match_categories IS NULL)
                           || ' ' || count(*) FILTER (WHERE updated_at <> timestamptz '2025-02-01')
                    FROM deals.user_goals
                    """)).containsExactly(EXISTING_GOALS + " " + EXISTING_GOALS + " 0");

            TestPostgres.execute(database.ownerDataSource(), """
                    UPDATE deals.user_goals SET parameters = '{"keywords": ["tent"]}' WHERE title = 'Goal 7'
                    """);
            assertThat(TestPostgres.column(database.ownerDataSource(), """
                    SELECT match_query::text || ' ' || coalesce(any_lexemes::text, 'none') || ' ' || (updated_at > timestamptz '2025-02-01')
                    FROM deals.user_goals WHERE title = 'Goal 7'
                    """)).containsExactly("'tent' none true");
        }
    }
}
