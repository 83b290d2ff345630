package org.agenticdeals.postgres;

import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PostgreSQL server from the provider chain, with a login role for applications.
 *
 * <p>The server never touches existing data: every database it hands out is created by it ({@code CREATE
 * DATABASE}) under a unique name and dropped again by {@link PostgresDatabase#close()} or by {@link #close()},
 * unless {@link ProviderSettings#keepDatabases()} is set.
 *
 * <p>On start it creates one non-superuser login role for this server's lifetime ({@link #applicationRole()}).
 * Migrations run as the administrator (the databases' owner); services connect as the application role, so
 * row-level security applies to them for real. The role gets no privileges here: the schema grants them.
 *
 * <p>An embedded server can be stopped and started again on the same port and data ({@link #pause()},
 * {@link #resume()}), for tests of outages.
 *
 * <p>Thread-safe. A shutdown hook closes the server if the JVM exits first.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Backend backend;
    private final ProviderSettings settings;
    private final String serverVersion;
    private final int majorVersion;
    private final String applicationRole;
    private final String applicationPassword;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private PostgresServer(Backend backend, ProviderSettings settings, String serverVersion, int majorVersion,
                           String applicationRole, String applicationPassword) {
        this.backend = backend;
        this.settings = settings;
        this.serverVersion = serverVersion;
        this.majorVersion = majorVersion;
        this.applicationRole = applicationRole;
        this.applicationPassword = applicationPassword;
        this.shutdownHook = new Thread(this::closeQuietly, "deals-postgres-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static PostgresServer open(Backend backend, ProviderSettings settings) {
        try (Connection connection = backend.admin(backend.maintenanceDatabase()).dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            String version;
            int major;
            boolean mayCreate;
            try (ResultSet row = statement.executeQuery(
                    "SELECT current_setting('server_version'), current_setting('server_version_num')::int / 10000,"
                            + " rolsuper OR (rolcreatedb AND rolcreaterole) FROM pg_roles WHERE rolname = current_user")) {
                row.next();
                version = row.getString(1);
                major = row.getInt(2);
                mayCreate = row.getBoolean(3);
            }
            if (!mayCreate) {
                throw new IllegalStateException("role " + connection.getMetaData().getUserName()
                        + " may not create databases and roles; it needs SUPERUSER or CREATEDB and CREATEROLE");
            }
            String role = "deals_app_" + HexFormat.of().formatHex(randomBytes(5));
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
            statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '" + password + "'");
            var server = new PostgresServer(backend, settings, version, major, role, password);
            log.info("PostgreSQL {} from {} ({}); application role {}", version, backend.kind(), backend.describe(), role);
            return server;
        } catch (SQLException | RuntimeException failed) {
            backend.stop();
            throw new IllegalStateException(backend.describe() + " is not usable: " + failed.getMessage(), failed);
        }
    }

    /** {@return which link of the chain produced this server} */
    public ProviderKind kind() {
        return backend.kind();
    }

    /** {@return the server's {@code server_version}}, e.g. {@code 17.6}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** {@return the server's major version}, e.g. {@code 17}. */
    public int majorVersion() {
        return majorVersion;
    }

    /** {@return whether this JVM started the server} (Testcontainers or embedded) rather than being handed a URL. */
    public boolean startedByProvider() {
        return backend.startedByProvider();
    }

    /**
     * Whether {@link #pause()} and {@link #resume()} can take this server down and bring it back: an embedded server
     * the chain started. A server behind {@code DEALS_PG_URL} is not ours to stop, and a container would come back on
     * another port.
     *
     * @return true for an embedded server this chain started
     */
    public boolean restartable() {
        return backend.restartable();
    }

    /**
     * Stops the server as an operator's fast shutdown would, for tests of how clients ride out an outage: open
     * sessions are ended (their next statement fails, SQLSTATE 57P01 or 08006) and new connections are refused
     * (08001) until {@link #resume()}. The data directory, the databases and the roles are kept: unlike
     * {@link #close()}, which a caller must still call, nothing is dropped or deleted. Does nothing if the server is
     * paused already.
     *
     * @throws UnsupportedOperationException unless {@link #restartable()}
     * @throws IllegalStateException         if the server is closed
     * @throws UncheckedIOException          if the server does not stop
     */
    public void pause() {
        ensureOpen();
        if (backend.pause()) {
            log.info("paused {}; resume() brings it back", backend.describe());
        }
    }

    /**
     * Starts a server {@link #pause()} stopped, on the same port with the same data, so clients reconnect through the
     * URLs they had (a connection pool recovers without being rebuilt). Returns once the server accepts connections.
     * Does nothing if the server runs. The port is free while the server is paused: if another process takes it in
     * the meantime, the server cannot come back.
     *
     * @throws UnsupportedOperationException unless {@link #restartable()}
     * @throws IllegalStateException         if the server is closed
     * @throws UncheckedIOException          if the server does not start (its port taken, for example)
     */
    public void resume() {
        ensureOpen();
        if (backend.resume()) {
            log.info("started {} again", backend.describe());
        }
    }

    /** {@return the non-superuser login role created for applications on this server} */
    public String applicationRole() {
        return applicationRole;
    }

    /**
     * {@return the administrator's credentials, connected to {@code database}}: for creating databases, templates and roles.
     *
     * @param database the database to connect to
     */
    public ConnectionInfo admin(String database) {
        return backend.admin(database);
    }

    /**
     * {@return the administrator's credentials, connected to the server's maintenance database} (where {@code CREATE DATABASE}
     * runs).
     */
    public ConnectionInfo admin() {
        return backend.admin(backend.maintenanceDatabase());
    }

    /**
     * {@return the application role's credentials, connected to {@code database}}
     *
     * @param database the database to connect to
     */
    public ConnectionInfo application(String database) {
        return new ConnectionInfo(backend.admin(database).jdbcUrl(), applicationRole, applicationPassword);
    }

    /** {@return a one-line description of the server for logs and console output} */
    public String describe() {
        return "PostgreSQL " + serverVersion + " (" + backend.describe() + ")";
    }

    /**
     * Creates an empty database named {@code prefix} plus a random suffix, from {@code template0} in UTF-8.
     *
     * @param prefix lower-case letters, digits and underscores, starting with a letter, at most 41 characters
     * @return the new database, owned by the administrator; {@link PostgresServer#close()} drops it
     */
    public PostgresDatabase createDatabase(String prefix) {
        return create(prefix, "template0", " ENCODING 'UTF8'");
    }

    /**
     * Creates a database as a copy of {@code template} (which must have no open connections), named
     * {@code prefix} plus a random suffix.
     *
     * @param prefix lower-case letters, digits and underscores, starting with a letter, at most 41 characters
     * @param template the database to copy
     * @return the new database
     */
    public PostgresDatabase createDatabaseFromTemplate(String prefix, String template) {
        requireName("template", template);
        // FILE_COPY (the only way before 15) copies files instead of WAL-logging every block: faster for the
        // small templates tests copy.
        return create(prefix, template, majorVersion >= 15 ? " STRATEGY FILE_COPY" : "");
    }

    /**
     * Drops {@code database} if it exists, ending its connections ({@code WITH (FORCE)}).
     *
     * @param database the database's name
     */
    public void dropDatabase(String database) {
        requireName("database", database);
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        databases.remove(database);
    }

    /** {@return the databases created through this server and not yet dropped} */
    public List<String> databases() {
        return List.copyOf(databases);
    }

    boolean keepDatabases() {
        return settings.keepDatabases();
    }

    private PostgresDatabase create(String prefix, String template, String options) {
        requireName("prefix", prefix);
        String name = prefix + "_" + HexFormat.of().formatHex(randomBytes(5));
        ensureOpen();
        execute("CREATE DATABASE " + name + " TEMPLATE " + template + options);
        databases.add(name);
        return new PostgresDatabase(this, name);
    }

    void execute(String sql) {
        try (Connection connection = backend.admin(backend.maintenanceDatabase()).dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failed) {
            throw new IllegalStateException(sql + " failed on " + backend.describe() + ": " + failed.getMessage(), failed);
        }
    }

    /**
     * Drops every database this server created and its application role (unless keeping them), then stops the
     * server if the chain started it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
        if (settings.keepDatabases()) {
            log.info("keeping databases {} and role {} on {}{}", databases, applicationRole, backend.describe(),
                    backend.startedByProvider() ? "; the server stays up, stop it yourself" : "");
            return;
        }
        if (!backend.startedByProvider()) {
            for (String database : List.copyOf(databases)) {
                try {
                    dropDatabase(database);
                } catch (RuntimeException failed) {
                    log.warn("could not drop database {}: {}", database, failed.getMessage());
                }
            }
            try {
                execute("DROP ROLE IF EXISTS " + applicationRole);
            } catch (RuntimeException failed) {
                log.warn("could not drop role {}: {}", applicationRole, failed.getMessage());
            }
        }
        backend.stop();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException failed) {
            log.warn("closing {} at shutdown failed: {}", backend.describe(), failed.toString());
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("server is closed: " + backend.describe());
        }
    }

    private static void requireName(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must match " + NAME.pattern() + ", was '" + value + "'");
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
