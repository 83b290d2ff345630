package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.agenticdeals.postgres.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Deals that existed before the catalog migrations get their search vector from V9's batches, keep their
 * updated_at (filling derived data is not a change), and are found through the GIN index V10 builds; deals
 * written afterwards get theirs from V8's triggers.
 */
class SearchVectorBackfillTest {

    private static final int EXISTING_DEALS = 12_345;

    @Test
    void existingDealsAreBackfilledInBatchesWithoutTouchingUpdatedAt() throws SQLException {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            DealsSchema schema = TestPostgres.schemaOf(database);
            Flyway.configure().configuration(schema.flyway().getConfiguration()).target("7").load().migrate();
            TestPostgres.execute(database.ownerDataSource(),
                    "INSERT INTO deals.markets (id, name) VALUES ('00000000-0000-0000-0000-0000000000a1', 'Market')",
                    "INSERT INTO deals.sources (id, name, type) VALUES ('00000000-0000-0000-0000-0000000000b1', 'Feed', 'api')",
                    """
                    INSERT INTO deals.deals (id, title, description, original_price, current_price, discount_percentage, url, market_id,
                                             source_id, created_at, updated_at)
                    SELECT gen_random_uuid(), 'Cast iron skillet ' || n, 'Seasoned, number ' || n, 40, 30, 25,
                           'https://shop.example.com/' || n, '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1',
                           timestamptz '2025-01-01' + n * interval '1 minute', timestamptz '2025-02-01'
                    FROM generate_series(1, %d) n
                    """.formatted(EXISTING_DEALS));

            schema.migrate();

            assertThat(TestPostgres.column(database.ownerDataSource(), """
                    SELECT count(*) FILTER (WHERE search_vector IS NULL) || ' ' ||
                           count(*) FILTER (WHERE search_vector = deals.deal_search_vector(title, description)) || ' ' ||
                           count(*) FILTER (WHERE updated_at <> timestamptz '2025-02-01')
                    FROM deals.deals
                    """)).containsExactly("0 " + EXISTING_DEALS + " 0");
            TestPostgres.execute(database.ownerDataSource(), """
                    UPDATE deals.deals SET title = 'Enamelled dutch oven' WHERE url = 'https://shop.example.com/7'
                    """);
            assertThat(TestPostgres.column(database.ownerDataSource(), """
                    SELECT url || ' ' || (updated_at > timestamptz '2025-02-01') FROM deals.deals
                    WHERE search_vector @@ websearch_to_tsquery('english', 'dutch oven')
                    """)).containsExactly("https://shop.example.com/7 true");
            assertThat(TestPostgres.column(database.ownerDataSource(), """
                    SELECT indisvalid FROM pg_index WHERE indexrelid = 'deals.idx_deals_search'::regclass
                    """)).containsExactly("t");
        }
    }

    @Test
    void aDealInsertedWithoutAVectorGetsOneAndOneInsertedWithAVectorKeepsIt() throws SQLException {
        try (PostgresDatabase database = TestPostgres.migratedDatabase()) {
            TestPostgres.execute(database.ownerDataSource(),
                    "INSERT INTO deals.markets (id, name) VALUES ('00000000-0000-0000-0000-0000000000a1', 'Market')",
                    "INSERT INTO deals.sources (id, name, type) VALUES ('00000000-0000-0000-0000-0000000000b1', 'Feed', 'api')",
                    """
                    INSERT INTO deals.deals (id, title, original_price, current_price, discount_percentage, url, market_id, source_id, search_vector)
                    VALUES (gen_random_uuid(), 'Standing desk', 300, 250, 16.67, 'https://shop.example.com/desk',
                            '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', NULL),
                           (gen_random_uuid(), 'Yoga mat', 30, 20, 33.33, 'https://shop.example.com/mat',
                            '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1',
                            deals.deal_search_vector('Yoga mat', NULL))
                    """);

            List<String> vectors = TestPostgres.column(database.ownerDataSource(),
                    "SELECT search_vector::text FROM deals.deals ORDER BY title");
            assertThat(vectors).containsExactly("'desk':2A 'stand':1A", "'mat':2A 'yoga':1A");
        }
    }
}
