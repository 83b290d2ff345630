package org.agenticdeals.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agentic-deals PostgreSQL schema: applies its Flyway migrations to a {@link DataSource}, validates them,
 * and undoes them.
 *
 * <pre>{@code
 * DealsSchema.migrate(dataSource);                        // schema "deals", no application role
 *
 * DealsSchema schema = DealsSchema.builder(ownerDataSource)
 *         .schema("deals")
 *         .applicationRole("deals_app")                  // the role the services connect as
 *         .build();
 * schema.migrate();
 * }</pre>
 *
 * <p>Every object lives in one PostgreSQL schema (default {@value #DEFAULT_SCHEMA}), Flyway's history table
 * included, so the library can sit beside a host's own tables. Migrations must run as the role that is to
 * own the objects. Row-level security is forced on user-owned tables, so services should connect as a
 * separate, non-superuser {@linkplain Builder#applicationRole(String) application role}: its privileges are
 * granted after every migrate from one privilege matrix (see {@code docs/security.md}).
 *
 * <p>Migration sessions run with a {@linkplain Builder#lockTimeout(Duration) lock timeout} so a migration that
 * cannot get its lock fails fast instead of queueing the application's queries behind it. Concurrent
 * {@code migrate()} calls from several hosts are safe: Flyway serializes them with an advisory lock.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DealsSchema {

    /** The schema used when none is configured. */
    public static final String DEFAULT_SCHEMA = "deals";

    /** Where the migrations live on the classpath. */
    public static final String MIGRATION_LOCATION = "db/migration/deals";

    /** The Flyway history table, inside the schema. */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    /** The migration sessions' {@code lock_timeout} unless configured. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DealsSchema.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)\\bconcurrently\\b");

    private final DataSource dataSource;
    private final String schema;
    private final String applicationRole;
    private final Duration lockTimeout;
    private final Flyway flyway;

    private DealsSchema(Builder builder) {
        this.dataSource = builder.dataSource;
        this.schema = builder.schema;
        this.applicationRole = builder.applicationRole;
        this.lockTimeout = builder.lockTimeout;
        FluentConfiguration configuration = Flyway.configure(DealsSchema.class.getClassLoader())
                .dataSource(new LockTimeoutDataSource(dataSource, lockTimeout))
                .schemas(schema)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations("classpath:" + MIGRATION_LOCATION)
                .failOnMissingLocations(true)
                .placeholders(Map.of("applicationRole", applicationRole))
                .validateOnMigrate(true)
                .cleanDisabled(true);
        // A session-level advisory lock instead of a transactional one: with the transaction Flyway would keep
        // open for its lock, CREATE INDEX CONCURRENTLY waits for that transaction forever.
        configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        this.flyway = configuration.load();
    }

    /**
     * Starts configuring the schema on {@code dataSource}, which must connect as the role that owns (or is
     * to own) the schema's objects.
     *
     * @param dataSource connects as the schema's owner
     * @return a builder; {@link Builder#build()} gives the schema
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Migrates schema {@value #DEFAULT_SCHEMA} on {@code dataSource} to the latest version, without an
     * application role. Equivalent to {@code builder(dataSource).build().migrate()}.
     *
     * @param dataSource connects as the schema's owner
     * @return what the migration did
     */
    public static MigrationResult migrate(DataSource dataSource) {
        return builder(dataSource).build().migrate();
    }

    /**
     * Validates the applied migrations against those on the classpath, applies the pending ones in order (each
     * versioned migration in its own transaction unless it must run outside one, such as
     * {@code CREATE INDEX CONCURRENTLY}), then re-applies the application role's grants. A second call is a
     * no-op apart from the grants.
     *
     * @return what the migration did: the schema, the version it is at, the versions applied
     * @throws SchemaMigrationException if validation or a migration fails; a failed transactional migration
     *                                  leaves the schema at the version before it
     */
    public MigrationResult migrate() {
        MigrateResult result = withFlyway("migrating", flyway::migrate);
        List<String> applied = result.migrations.stream().map(output -> output.version).toList();
        String version = currentVersion().orElse("0");
        if (!applied.isEmpty()) {
            log.info("schema {} migrated from {} to {} ({} migrations)", schema,
                    Objects.requireNonNullElse(result.initialSchemaVersion, "empty"), version, applied.size());
        }
        return new MigrationResult(schema, version, applied);
    }

    /**
     * Checks that every applied migration still matches its script (checksums, versions, descriptions) and
     * that none is pending.
     *
     * @throws SchemaMigrationException describing each mismatch
     */
    public void validate() {
        var result = withFlyway("validating", flyway::validateWithResult);
        if (!result.validationSuccessful) {
            var problems = new ArrayList<String>();
            result.invalidMigrations.forEach(invalid -> problems.add(invalid.version + " " + invalid.errorDetails.errorMessage));
            throw new SchemaMigrationException("schema " + schema + " is not valid: "
                    + (problems.isEmpty() ? result.getAllErrorMessages() : String.join("; ", problems)));
        }
    }

    /** {@return the version the schema is at, empty when no migration has been applied} */
    public Optional<String> currentVersion() {
        MigrationInfo current = withFlyway("reading", flyway::info).current();
        return current == null || current.getVersion() == null ? Optional.empty() : Optional.of(current.getVersion().getVersion());
    }

    /** {@return the highest migration version on the classpath}, the one {@link #migrate()} brings the schema to. */
    public String latestVersion() {
        return Arrays.stream(withFlyway("reading", flyway::info).all())
                .map(MigrationInfo::getVersion)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion)
                .orElseThrow(() -> new SchemaMigrationException("no migrations found at classpath:" + MIGRATION_LOCATION));
    }

    /**
     * Undoes applied migrations, newest first, until the schema is at {@code targetVersion} ({@code "0"}
     * undoes all of them), running each migration's undo script {@code U<version>__<description>.sql} and
     * removing its row from the history table. Open-source Flyway does not run undo scripts; this does, in
     * one transaction per script (or statement by statement for a script that uses {@code CONCURRENTLY}).
     *
     * <p>For development, tests and emergency rollback: undoing a migration that dropped or rewrote data
     * cannot bring that data back. Do not run it concurrently with {@link #migrate()}.
     *
     * @return the versions undone, newest first
     * @param targetVersion the version to stop at, {@code "0"} for none
     * @throws SchemaMigrationException if an undo script is missing or fails; the migrations undone before it
     *                                  stay undone
     */
    public List<String> undoTo(String targetVersion) {
        MigrationVersion target = MigrationVersion.fromVersion(Objects.requireNonNull(targetVersion, "targetVersion"));
        List<MigrationInfo> toUndo = Arrays.stream(withFlyway("reading", flyway::info).applied())
                .filter(info -> info.getVersion() != null && info.getVersion().isNewerThan(target))
                .sorted(Comparator.comparing(MigrationInfo::getInstalledRank).reversed())
                .toList();
        var undone = new ArrayList<String>();
        for (MigrationInfo migration : toUndo) {
            String version = migration.getVersion().getVersion();
            String undoScript = "U" + migration.getScript().substring(1);
            String sql = SqlScript.replacePlaceholders(readScript(undoScript), placeholders());
            runUndo(version, undoScript, SqlScript.split(sql));
            log.info("schema {}: undid version {} with {}", schema, version, undoScript);
            undone.add(version);
        }
        return List.copyOf(undone);
    }

    /**
     * Makes sure {@code token_transactions} has monthly partitions for {@code months} months starting with
     * {@code firstMonth} (months are UTC), moving any rows of those months out of the DEFAULT partition.
     * Idempotent; safe to run from a scheduled job while the ledger is writing. Needs the owner or a role
     * granted EXECUTE on {@code ensure_token_transaction_partitions} (the application role is).
     *
     * @return the partitions created, empty when all existed
     * @param firstMonth the first month to have a partition for
     * @param months how many months from {@code firstMonth}, at least 1
     */
    public List<String> ensureTokenTransactionPartitions(YearMonth firstMonth, int months) {
        if (months < 1 || months > 120) {
            throw new IllegalArgumentException("months must be between 1 and 120, was " + months);
        }
        String sql = "SELECT " + schema + ".ensure_token_transaction_partitions(?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, firstMonth.atDay(1));
            statement.setInt(2, months);
            var created = new ArrayList<String>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    created.add(rows.getString(1));
                }
            }
            return List.copyOf(created);
        } catch (SQLException failed) {
            throw new SchemaMigrationException("creating token_transactions partitions failed: " + failed.getMessage(), failed);
        }
    }

    /**
     * The Flyway instance this schema migrates with, for hosts that drive Flyway themselves (for example
     * {@code info()} for a status page). Its configuration is the one described in the class comment.
     *
     * @return the configured Flyway instance
     */
    public Flyway flyway() {
        return flyway;
    }

    /** {@return the PostgreSQL schema holding every object} */
    public String schema() {
        return schema;
    }

    /** {@return the role granted the application's privileges after each migrate, if one is configured} */
    public Optional<String> applicationRole() {
        return applicationRole.isEmpty() ? Optional.empty() : Optional.of(applicationRole);
    }

    /** The placeholders Flyway replaces in migrations, for the undo scripts it does not run. */
    private Map<String, String> placeholders() {
        return Map.of("applicationRole", applicationRole, "flyway:defaultSchema", schema);
    }

    private <T> T withFlyway(String step, Supplier<T> call) {
        try {
            return call.get();
        } catch (FlywayException failed) {
            throw new SchemaMigrationException(step + " schema " + schema + " failed: " + failed.getMessage(), failed);
        }
    }

    private static String readScript(String name) {
        String path = MIGRATION_LOCATION + "/" + name;
        try (InputStream in = DealsSchema.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new SchemaMigrationException("no undo script " + path + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private void runUndo(String version, String script, List<String> statements) {
        boolean transactional = statements.stream().noneMatch(statement -> CONCURRENTLY.matcher(statement).find());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(!transactional);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path = " + schema);
                statement.execute("SET lock_timeout = " + lockTimeout.toMillis());
                for (String sql : statements) {
                    statement.execute(sql);
                }
                try (PreparedStatement forget = connection.prepareStatement(
                        "DELETE FROM " + schema + "." + HISTORY_TABLE + " WHERE version = ?")) {
                    forget.setString(1, version);
                    forget.executeUpdate();
                }
                if (transactional) {
                    connection.commit();
                }
            } catch (SQLException failed) {
                if (transactional) {
                    connection.rollback();
                }
                throw failed;
            }
        } catch (SQLException failed) {
            throw new SchemaMigrationException("undoing version " + version + " with " + script + " failed ("
                    + failed.getSQLState() + "): " + failed.getMessage(), failed);
        }
    }

    /** Validated, immutable configuration for a {@link DealsSchema}. */
    public static final class Builder {

        private final DataSource dataSource;
        private String schema = DEFAULT_SCHEMA;
        private String applicationRole = "";
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The PostgreSQL schema to hold every object (default {@value DealsSchema#DEFAULT_SCHEMA}): lower-case
         * letters, digits and underscores, at most 63 characters, not starting with {@code pg_}.
         *
         * @param name the schema's name
         * @return this builder
         */
        public Builder schema(String name) {
            this.schema = requireIdentifier("schema", name);
            if (schema.startsWith("pg_")) {
                throw new IllegalArgumentException("schema must not start with pg_ (reserved by PostgreSQL), was '" + name + "'");
            }
            return this;
        }

        /**
         * The existing, non-superuser role the services connect as. After every migrate it is granted exactly
         * the privileges of the matrix in {@code afterMigrate__application_role_grants.sql}.
         *
         * @param role the role's name
         * @return this builder
         */
        public Builder applicationRole(String role) {
            this.applicationRole = requireIdentifier("applicationRole", role);
            return this;
        }

        /**
         * How long a migration statement may wait for a lock before failing (default 10 s).
         *
         * @param timeout greater than zero
         * @return this builder
         */
        public Builder lockTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "lockTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lockTimeout must be > 0, was " + timeout);
            }
            this.lockTimeout = timeout;
            return this;
        }

        /**
         * The schema as configured.
         *
         * @return the schema, ready to migrate
         */
        public DealsSchema build() {
            return new DealsSchema(this);
        }

        private static String requireIdentifier(String field, String value) {
            Objects.requireNonNull(value, field);
            if (!IDENTIFIER.matcher(value).matches()) {
                String shown = value.length() > 70 ? value.substring(0, 70) + "…" : value;
                throw new IllegalArgumentException(field + " must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters), was '"
                        + shown + "'");
            }
            return value;
        }
    }
}
