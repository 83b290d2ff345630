package org.agenticdeals.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.agenticdeals.postgres.PostgresServer;
import org.agenticdeals.postgres.PostgresUnavailableException;
import org.agenticdeals.postgres.ProviderKind;
import org.agenticdeals.postgres.ProviderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The testkit without the extension: its own server, templates reused, databases dropped, nothing left behind. */
@ExtendWith(DealsDatabaseExtension.class)
class StandaloneTestkitTest {

    @Test
    void extendWithGivesAnEmptyMigratedDatabase(TestDatabase test) {
        assertThat(test.seedData().seed()).isEqualTo(Seed.empty());
        var schema = org.agenticdeals.schema.DealsSchema.builder(test.ownerDataSource()).build();
        assertThat(schema.currentVersion()).contains(schema.latestVersion());
        assertThat(test.ownerDsl().fetchCount(org.agenticdeals.jooq.Tables.USERS)).isZero();
    }

    @Test
    void copiesOneTemplatePerSeedDropsUsedDatabasesAndLeavesNothingBehind() throws Exception {
        PostgresServer server;
        String dropped;
        try (DealsTestkit testkit = DealsTestkit.start()) {
            server = testkit.server();
            TestDatabase first = testkit.database(Seed.empty());
            TestDatabase second = testkit.database(Seed.empty());
            dropped = first.name();

            assertThat(databases(server, "deals_tpl_empty%")).hasSize(1);
            assertThat(first.name()).isNotEqualTo(second.name());

            first.close();
            awaitGone(server, dropped);
            second.close();
        }
        if (server.startedByProvider()) {
            assertThatThrownBy(() -> server.admin().dataSource().getConnection().close())
                    .as("the server the testkit started is stopped").isInstanceOf(SQLException.class);
        } else {
            assertThat(server.databases()).isEmpty();
        }
    }

    @Test
    void theProviderChainPicksWhatTheEnvironmentOffers() {
        PostgresServer server = DealsTestkit.shared().server();
        ProviderSettings settings = ProviderSettings.fromEnvironment();

        ProviderKind expected = settings.forcedKind().orElse(settings.jdbcUrl().isPresent() ? ProviderKind.EXTERNAL
                : server.kind() == ProviderKind.TESTCONTAINERS ? ProviderKind.TESTCONTAINERS : ProviderKind.EMBEDDED);
        assertThat(server.kind()).isEqualTo(expected);
        assertThat(server.majorVersion()).isBetween(14, 18);
    }

    @Test
    void withNothingAvailableStartingFailsWithTheChainsError() {
        ProviderSettings nothing = ProviderSettings.defaults().withKind(ProviderKind.EMBEDDED).withMajorVersion(13)
                .withBinariesDirectory(Path.of("/nonexistent"));

        assertThatThrownBy(() -> DealsTestkit.start(nothing))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("No PostgreSQL server is available")
                .hasMessageContaining("embedded PostgreSQL 13 (zonky)")
                .hasMessageContaining("DEALS_PG_URL");
    }

    private static List<String> databases(PostgresServer server, String pattern) throws SQLException {
        try (Connection connection = server.admin().dataSource().getConnection();
             var statement = connection.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
            statement.setString(1, pattern);
            try (var rows = statement.executeQuery()) {
                var names = new java.util.ArrayList<String>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }

    private static void awaitGone(PostgresServer server, String database) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!databases(server, database).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(database + " was not dropped");
            }
            Thread.sleep(50);
        }
    }
}
