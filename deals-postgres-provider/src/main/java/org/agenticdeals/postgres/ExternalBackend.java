package org.agenticdeals.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** A server named by a JDBC URL: used as is, never tuned, never stopped. */
record ExternalBackend(JdbcUrl url, String redactedUrl) implements Backend {

    static ExternalBackend connect(String jdbcUrl) {
        JdbcUrl parsed = JdbcUrl.parse(jdbcUrl);
        var backend = new ExternalBackend(parsed, JdbcUrl.redact(jdbcUrl));
        try (Connection connection = backend.admin(parsed.database()).dataSource().getConnection()) {
            connection.isValid(5);
        } catch (SQLException unreachable) {
            throw new IllegalStateException("cannot connect to DEALS_PG_URL " + backend.redactedUrl + ": " + unreachable.getMessage(), unreachable);
        }
        return backend;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.EXTERNAL;
    }

    @Override
    public ConnectionInfo admin(String database) {
        return url.connectionTo(database);
    }

    @Override
    public String maintenanceDatabase() {
        return url.database();
    }

    @Override
    public boolean startedByProvider() {
        return false;
    }

    @Override
    public String describe() {
        return "external PostgreSQL at " + redactedUrl;
    }

    @Override
    public void stop() {
        // Not ours to stop.
    }
}
