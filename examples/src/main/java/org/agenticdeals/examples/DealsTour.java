package org.agenticdeals.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.agenticdeals.postgres.PostgresDatabase;
import org.agenticdeals.postgres.PostgresProvider;
import org.agenticdeals.postgres.PostgresServer;
import org.agenticdeals.schema.DealsSchema;
import org.agenticdeals.schema.MigrationResult;

/**
 * The README's first command: gets PostgreSQL from the provider chain ({@code DEALS_PG_URL}, else Docker,
 * else embedded PostgreSQL 17), migrates the schema into a database of its own, and reports what it built.
 * Exits with status 0 only if every step did what it claims.
 */
public final class DealsTour {

    private DealsTour() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    static int run(PrintStream out) {
        out.println("agentic-deals tour");
        long started = System.nanoTime();
        out.print("  starting PostgreSQL ... ");
        try (PostgresServer server = PostgresProvider.start();
             PostgresDatabase database = server.createDatabase("deals_tour")) {
            out.printf("%s (%d ms)%n", server.describe(), millisSince(started));

            long migrating = System.nanoTime();
            out.print("  migrating ... ");
            DealsSchema schema = DealsSchema.builder(database.ownerDataSource())
                    .applicationRole(database.applicationRole())
                    .build();
            MigrationResult result = schema.migrate();
            out.printf("schema %s at version %s, %d migrations applied (%d ms)%n",
                    result.schema(), result.schemaVersion(), result.appliedVersions().size(), millisSince(migrating));

            int tables = tableCount(database.ownerDataSource(), result.schema());
            out.printf("  %d tables in schema %s (beside Flyway's history), migrated by Flyway %s%n", tables, result.schema(), flywayVersion());

            boolean ok = result.schemaVersion().equals(schema.latestVersion()) && tables >= 20;
            out.println(ok ? "done: every step did what it claims" : "FAILED: the schema is not what the migrations promise");
            return ok ? 0 : 1;
        } catch (RuntimeException | SQLException failed) {
            out.println();
            out.println("FAILED: " + failed.getMessage());
            return 1;
        }
    }

    /** Tables and partitioned tables, not counting partitions or Flyway's history table. */
    private static int tableCount(DataSource dataSource, String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_class WHERE relnamespace = '" + schema
                     + "'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition AND relname <> '" + DealsSchema.HISTORY_TABLE + "'")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String flywayVersion() {
        try (InputStream in = DealsTour.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            if (in == null) {
                return "(version unknown)";
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException unreadable) {
            return "(version unknown)";
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
