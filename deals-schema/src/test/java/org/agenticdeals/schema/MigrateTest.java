package org.agenticdeals.schema;

import static org.agenticdeals.schema.TestPostgres.column;
import static org.agenticdeals.schema.TestPostgres.execute;
import static org.agenticdeals.schema.TestPostgres.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.agenticdeals.postgres.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

class MigrateTest {

    @Test
    void migratesAnEmptyDatabaseToTheLatestVersionInsideItsOwnSchema() throws Exception {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            DealsSchema schema = TestPostgres.schemaOf(database);

            MigrationResult result = schema.migrate();

            assertThat(result.changed()).isTrue();
            assertThat(result.appliedVersions()).startsWith("1", "2", "3");
            assertThat(result.schemaVersion()).isEqualTo(schema.latestVersion());
            assertThat(schema.currentVersion()).contains(schema.latestVersion());
            assertThat(column(database.ownerDataSource(),
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).isEmpty();
            assertThat(single(database.ownerDataSource(),
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'deals' AND table_name = 'flyway_schema_history'"))
                    .isEqualTo("1");
        }
    }

    @Test
    void migratingTwiceIsANoOpAndStillValidates() {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            DealsSchema schema = TestPostgres.schemaOf(database);
            MigrationResult first = schema.migrate();

            MigrationResult second = schema.migrate();

            assertThat(second.changed()).isFalse();
            assertThat(second.schemaVersion()).isEqualTo(first.schemaVersion());
            schema.validate();
        }
    }

    @Test
    void sitsBesideAHostsOwnUsersTableUnderAnotherSchemaName() throws Exception {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            execute(database.ownerDataSource(),
                    "CREATE TABLE public.users (id serial PRIMARY KEY, login text)",
                    "INSERT INTO public.users (login) VALUES ('host-user')");
            DealsSchema schema = DealsSchema.builder(database.ownerDataSource()).schema("marketplace").build();

            schema.migrate();

            assertThat(single(database.ownerDataSource(), "SELECT login FROM public.users")).isEqualTo("host-user");
            assertThat(single(database.ownerDataSource(), "SELECT count(*) FROM marketplace.users")).isEqualTo("0");
            assertThat(single(database.ownerDataSource(),
                    "SELECT count(*) FROM marketplace.ensure_token_transaction_partitions(current_date, 1)")).isEqualTo("0");
        }
    }

    @Test
    @Timeout(60)
    void aMigrationThatCreatesAnIndexConcurrentlyCompletes() throws Exception {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            DealsSchema schema = TestPostgres.schemaOf(database);
            Flyway withOnlineMigration = Flyway.configure(getClass().getClassLoader())
                    .configuration(schema.flyway().getConfiguration())
                    .locations("classpath:" + DealsSchema.MIGRATION_LOCATION, "classpath:db/online-test")
                    .load();

            withOnlineMigration.migrate();

            assertThat(single(database.ownerDataSource(),
                    "SELECT indisvalid FROM pg_index WHERE indexrelid = 'deals.idx_online_test_deals_title'::regclass")).isEqualTo("t");
        }
    }

    @Test
    void validateReportsPendingMigrations() {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            DealsSchema schema = TestPostgres.schemaOf(database);

            assertThatThrownBy(schema::validate)
                    .isInstanceOf(SchemaMigrationException.class)
                    .hasMessageContaining("schema deals is not valid");
        }
    }

    @Test
    void rejectsConfigurationThatIsNotAPlainIdentifier() {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            DealsSchema.Builder builder = DealsSchema.builder(database.ownerDataSource());

            assertThatThrownBy(() -> builder.schema("Deals; DROP SCHEMA public"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("schema must be a lower-case SQL identifier");
            assertThatThrownBy(() -> builder.schema("pg_deals")).hasMessageContaining("must not start with pg_");
            assertThatThrownBy(() -> builder.applicationRole("app role")).hasMessageStartingWith("applicationRole must be");
            assertThatThrownBy(() -> builder.lockTimeout(java.time.Duration.ZERO)).hasMessage("lockTimeout must be > 0, was PT0S");
        }
    }
}
