package org.agenticdeals.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.agenticdeals.postgres.PostgresDatabase;
import org.agenticdeals.postgres.PostgresProvider;
import org.agenticdeals.postgres.PostgresServer;

/**
 * One server from the provider chain per test JVM (closed by its shutdown hook), and fresh databases on it.
 * deals-schema cannot use the testkit (the testkit depends on it), so its tests use the provider directly.
 */
final class TestPostgres {

    private static PostgresServer server;

    private TestPostgres() {
    }

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresProvider.start();
        }
        return server;
    }

    /** A new empty database; close it to drop it. */
    static PostgresDatabase emptyDatabase() {
        return server().createDatabase("schema_test");
    }

    /** A new database migrated to the latest version, the application role granted its privileges. */
    static PostgresDatabase migratedDatabase() {
        PostgresDatabase database = emptyDatabase();
        schemaOf(database).migrate();
        return database;
    }

    static DealsSchema schemaOf(PostgresDatabase database) {
        return DealsSchema.builder(database.ownerDataSource()).applicationRole(database.applicationRole()).build();
    }

    static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The first column of every row, as text. */
    static List<String> column(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    static String single(DataSource dataSource, String sql) throws SQLException {
        List<String> values = column(dataSource, sql);
        if (values.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + values);
        }
        return values.get(0);
    }
}
