package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.agenticdeals.postgres.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * Every versioned migration has an undo script, and undoing the migrations one by one, newest first, brings
 * the catalogue back to exactly what it was before each version (compared through pg_catalog snapshots).
 */
class UndoTest {

    @Test
    void everyMigrationHasAnUndoScript() {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            for (MigrationInfo migration : TestPostgres.schemaOf(database).flyway().info().all()) {
                String undo = DealsSchema.MIGRATION_LOCATION + "/U" + migration.getScript().substring(1);
                assertThat(getClass().getClassLoader().getResource(undo)).as(undo).isNotNull();
            }
        }
    }

    @Test
    void undoingEachVersionRestoresTheCatalogueOfTheVersionBefore() throws SQLException {
        try (PostgresDatabase undone = TestPostgres.migratedDatabase()) {
            DealsSchema schema = TestPostgres.schemaOf(undone);
            List<String> versions = Arrays.stream(schema.flyway().info().applied())
                    .map(MigrationInfo::getVersion).filter(Objects::nonNull).map(version -> version.getVersion()).toList();
            assertThat(versions).hasSizeGreaterThanOrEqualTo(3);

            for (int index = versions.size() - 1; index >= 0; index--) {
                String before = index == 0 ? "0" : versions.get(index - 1);

                assertThat(schema.undoTo(before)).containsExactly(versions.get(index));

                assertThat(schema.currentVersion().orElse("0")).isEqualTo(before);
                try (PostgresDatabase reference = TestPostgres.emptyDatabase()) {
                    migrateTo(reference, before);
                    List<String> expected = snapshot(reference.ownerDataSource());
                    assertThat(expected).hasSizeGreaterThan(before.equals("0") ? -1 : 300);
                    assertThat(snapshot(undone.ownerDataSource()))
                            .as("catalogue after undoing %s equals the catalogue at %s", versions.get(index), before)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void anUndoneSchemaMigratesAgain() {
        try (PostgresDatabase database = TestPostgres.migratedDatabase()) {
            DealsSchema schema = TestPostgres.schemaOf(database);
            schema.undoTo("0");

            MigrationResult again = schema.migrate();

            assertThat(again.schemaVersion()).isEqualTo(schema.latestVersion());
            schema.validate();
        }
    }

    @Test
    void undoingToTheCurrentVersionDoesNothing() {
        try (PostgresDatabase database = TestPostgres.migratedDatabase()) {
            DealsSchema schema = TestPostgres.schemaOf(database);

            assertThat(schema.undoTo(schema.latestVersion())).isEmpty();
        }
    }

    private static void migrateTo(PostgresDatabase database, String version) throws SQLException {
        DealsSchema schema = TestPostgres.schemaOf(database);
        if (version.equals("0")) {
            TestPostgres.execute(database.ownerDataSource(), "CREATE SCHEMA deals");
            return;
        }
        Flyway.configure().configuration(schema.flyway().getConfiguration()).target(version).load().migrate();
    }

    /**
     * Everything in schema deals that a migration can create or change, by name (never by OID), one line per
     * object, sorted. Flyway's history table is left out: undo removes rows from it, not the table.
     */
    static List<String> snapshot(DataSource dataSource) throws SQLException {
        var lines = new ArrayList<String>(TestPostgres.column(dataSource, """
                SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' rls=' || c.relrowsecurity || '/' || c.relforcerowsecurity
                       || ' bound=' || coalesce(pg_get_expr(c.relpartbound, c.oid), '') || ' acl=' || coalesce(c.relacl::text, '')
                FROM pg_class c WHERE c.relnamespace = 'deals'::regnamespace AND c.relname NOT LIKE 'flyway_schema_history%'
                UNION ALL
                SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull='
                       || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' identity=' || a.attidentity::text
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE c.relnamespace = 'deals'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
                  AND c.relname NOT LIKE 'flyway_schema_history%'
                UNION ALL
                SELECT 'constraint ' || c.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
                FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
                WHERE c.relnamespace = 'deals'::regnamespace AND c.relname NOT LIKE 'flyway_schema_history%'
                UNION ALL
                SELECT 'index ' || pg_get_indexdef(i.indexrelid)
                FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                WHERE c.relnamespace = 'deals'::regnamespace AND c.relname NOT LIKE 'flyway_schema_history%'
                UNION ALL
                SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = 'deals'::regnamespace AND NOT t.tgisinternal
                UNION ALL
                SELECT 'policy ' || c.relname || '.' || p.polname || ' ' || p.polcmd::text || ' ' || p.polpermissive
                       || ' using=' || coalesce(pg_get_expr(p.polqual, p.polrelid), '')
                       || ' check=' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
                FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
                WHERE c.relnamespace = 'deals'::regnamespace
                UNION ALL
                SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') returns '
                       || pg_get_function_result(p.oid) || ' ' || p.provolatile::text || ' definer=' || p.prosecdef
                       || ' config=' || coalesce(array_to_string(p.proconfig, ','), '') || ' acl=' || coalesce(p.proacl::text, '')
                       || ' body=' || md5(p.prosrc)
                FROM pg_proc p WHERE p.pronamespace = 'deals'::regnamespace
                UNION ALL
                SELECT 'type ' || t.typname || ' ' || t.typtype::text || ' ' || coalesce(
                       (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '')
                FROM pg_type t WHERE t.typnamespace = 'deals'::regnamespace AND t.typtype IN ('e', 'd', 'c')
                  AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)
                ORDER BY 1
                """));
        return lines;
    }
}
