package org.agenticdeals.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.agenticdeals.postgres.ConnectionInfo;
import org.agenticdeals.postgres.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** The operators' command line, run in-process against a real database. */
class SchemaCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void migratesReportsValidatesCreatesPartitionsAndUndoes() {
        try (PostgresDatabase database = TestPostgres.emptyDatabase()) {
            ConnectionInfo owner = database.owner();
            Map<String, String> environment = Map.of("DEALS_DB_PASSWORD", owner.password());
            String[] connection = {"--url", owner.jdbcUrl(), "--user", owner.user(), "--app-role", database.applicationRole()};
            String latest = TestPostgres.schemaOf(database).latestVersion();

            assertThat(run(environment, "migrate", connection)).isZero();
            assertThat(output()).startsWith("schema deals migrated to version " + latest + " (applied 1, 2, 3");

            assertThat(run(environment, "migrate", connection)).isZero();
            assertThat(output()).startsWith("schema deals is up to date at version " + latest);

            assertThat(run(environment, "info", connection)).isZero();
            assertThat(output()).contains("core schema", "Success", "current version: " + latest + ", latest: " + latest);

            assertThat(run(environment, "validate", connection)).isZero();
            assertThat(output()).startsWith("schema deals is valid at version " + latest);

            assertThat(run(environment, "partitions", connection[0], connection[1], connection[2], connection[3], "--months", "4")).isZero();
            assertThat(output()).matches("created token_transactions_y\\d{4}m\\d{2}, token_transactions_y\\d{4}m\\d{2}\\R");

            assertThat(run(environment, "undo", connection[0], connection[1], connection[2], connection[3], "--to", "2")).isZero();
            assertThat(output()).startsWith("undid versions " + latest).contains("3; schema deals is at version 2");
        }
    }

    @Test
    void wrongUsageExitsWithTwoAndSaysWhatIsWrong() {
        assertThat(run(Map.of(), "rollback", "--url", "jdbc:postgresql://localhost/x")).isEqualTo(2);
        assertThat(errors()).contains("unknown command 'rollback'", "usage:");

        assertThat(run(Map.of(), "migrate")).isEqualTo(2);
        assertThat(errors()).contains("--url (or DEALS_DB_URL) is required");

        assertThat(run(Map.of(), "migrate", "--url", "jdbc:postgresql://localhost/x", "--colour", "red")).isEqualTo(2);
        assertThat(errors()).contains("unknown option '--colour'");

        assertThat(run(Map.of(), "migrate", "--url", "jdbc:postgresql://localhost/x", "--schema", "Bad Name")).isEqualTo(2);
        assertThat(errors()).contains("schema must be a lower-case SQL identifier");

        assertThat(run(Map.of(), "migrate", "--url", "jdbc:postgresql://localhost/x", "--lock-timeout", "soon")).isEqualTo(2);
        assertThat(errors()).contains("--lock-timeout must look like 10s");
    }

    @Test
    void anUnreachableDatabaseExitsWithOneAndNoPasswordInTheOutput() {
        int status = run(Map.of("DEALS_DB_PASSWORD", "hunter2"), "migrate", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2",
                "--user", "nobody");

        assertThat(status).isEqualTo(1);
        assertThat(errors()).startsWith("failed: ").doesNotContain("hunter2");
    }

    @Test
    void helpGoesToStandardOutput() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(output()).contains("commands:", "migrate", "undo --to <version>");
    }

    private int run(Map<String, String> environment, String command, String... options) {
        out.reset();
        err.reset();
        String[] args = new String[options.length + 1];
        args[0] = command;
        System.arraycopy(options, 0, args, 1, options.length);
        return SchemaCommand.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
