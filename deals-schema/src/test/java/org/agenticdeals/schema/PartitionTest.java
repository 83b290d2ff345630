package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agenticdeals.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** token_transactions is partitioned by UTC month, with a DEFAULT partition and an idempotent maintenance function. */
class PartitionTest {

    private PostgresDatabase database;
    private UUID user;

    @BeforeEach
    void migrate() throws SQLException {
        database = TestPostgres.migratedDatabase();
        user = new Rows(database.ownerDataSource()).user("ledger@example.com");
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void theMigrationCreatesTheCurrentAndNextMonth() throws SQLException {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);

        assertThat(partitions()).containsExactly("token_transactions_default", partitionName(now), partitionName(now.plusMonths(1)));
    }

    @Test
    void aRowLandsInItsMonthsPartitionAndAMonthWithoutOneLandsInDefault() throws SQLException {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);

        assertThat(insertAt("now()")).isEqualTo(partitionName(now));
        assertThat(insertAt("'2040-05-17 12:00:00+00'")).isEqualTo("token_transactions_default");
    }

    @Test
    void monthsAreUtcMonths() throws SQLException {
        schema().ensureTokenTransactionPartitions(YearMonth.of(2040, 5), 2);

        assertThat(insertAt("'2040-06-01 00:30:00+02'")).isEqualTo("token_transactions_y2040m05");
        assertThat(insertAt("'2040-05-31 23:30:00-02'")).isEqualTo("token_transactions_y2040m06");
    }

    @Test
    void creatingAMonthMovesItsRowsOutOfDefaultAndIsIdempotent() throws SQLException {
        String id = insertRow("'2040-05-17 12:00:00+00'");
        insertRow("'2040-07-01 00:00:00+00'");

        List<String> created = schema().ensureTokenTransactionPartitions(YearMonth.of(2040, 5), 2);
        List<String> again = schema().ensureTokenTransactionPartitions(YearMonth.of(2040, 5), 2);

        assertThat(created).containsExactly("token_transactions_y2040m05", "token_transactions_y2040m06");
        assertThat(again).isEmpty();
        assertThat(TestPostgres.single(database.ownerDataSource(),
                "SELECT tableoid::regclass::text FROM deals.token_transactions WHERE id = '" + id + "'"))
                .isEqualTo("deals.token_transactions_y2040m05");
        assertThat(TestPostgres.single(database.ownerDataSource(), "SELECT count(*) FROM deals.token_transactions_default"))
                .isEqualTo("1");
        assertThat(TestPostgres.single(database.ownerDataSource(), "SELECT count(*) FROM deals.token_transactions")).isEqualTo("2");
    }

    @Test
    void theApplicationRoleMayRunTheMaintenanceFunctionAndConcurrentCallsDoNotCollide() throws Exception {
        DealsSchema asApplication = DealsSchema.builder(database.applicationDataSource()).build();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            var calls = new ArrayList<Callable<List<String>>>();
            for (int call = 0; call < 4; call++) {
                calls.add(() -> asApplication.ensureTokenTransactionPartitions(YearMonth.of(2041, 1), 12));
            }
            var created = new ArrayList<String>();
            for (Future<List<String>> result : threads.invokeAll(calls)) {
                created.addAll(result.get());
            }
            assertThat(created).hasSize(12).doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void partitionsAreNotVisibleToTheApplicationRole() throws SQLException {
        String privileges = TestPostgres.single(database.ownerDataSource(),
                "SELECT has_table_privilege('" + database.applicationRole() + "', 'deals.token_transactions_default', 'SELECT')");

        assertThat(privileges).isEqualTo("f");
    }

    private DealsSchema schema() {
        return TestPostgres.schemaOf(database);
    }

    private List<String> partitions() throws SQLException {
        return TestPostgres.column(database.ownerDataSource(),
                "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'deals.token_transactions'::regclass ORDER BY 1")
                .stream().map(name -> name.replace("deals.", "")).toList();
    }

    private String insertAt(String createdAt) throws SQLException {
        String id = insertRow(createdAt);
        return TestPostgres.single(database.ownerDataSource(),
                "SELECT tableoid::regclass::text FROM deals.token_transactions WHERE id = '" + id + "'").replace("deals.", "");
    }

    private String insertRow(String createdAt) throws SQLException {
        return TestPostgres.single(database.ownerDataSource(),
                "INSERT INTO deals.token_transactions (user_id, transaction_type, amount, balance_after, created_at) VALUES ('"
                        + user + "', 'purchase', 5, 5, " + createdAt + ") RETURNING id");
    }

    private static String partitionName(YearMonth month) {
        return String.format("token_transactions_y%04dm%02d", month.getYear(), month.getMonthValue());
    }
}
