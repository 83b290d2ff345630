package org.agenticdeals.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider chain: the one way code generation, tests, the testkit and the examples get PostgreSQL.
 *
 * <ol>
 *   <li>an explicit server, when {@code DEALS_PG_URL} is set (never silently replaced by another link if it fails);</li>
 *   <li>else Testcontainers, when a Docker engine answers a quick {@code _ping};</li>
 *   <li>else embedded PostgreSQL (zonky), major {@code DEALS_PG_MAJOR} (default 17).</li>
 * </ol>
 *
 * <p>Servers this chain starts run tuned for tests ({@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} off); an external server is used as it is.
 *
 * <pre>{@code
 * try (PostgresServer server = PostgresProvider.start();
 *      PostgresDatabase database = server.createDatabase("example")) {
 *     DataSource dataSource = database.applicationDataSource();
 *     …
 * }
 * }</pre>
 */
public final class PostgresProvider {

    private static final Logger log = LoggerFactory.getLogger(PostgresProvider.class);

    private PostgresProvider() {
    }

    /**
     * Starts (or connects to) a server chosen by {@link ProviderSettings#fromEnvironment()}.
     *
     * @return the server; close it to stop it (or to drop what it created on an external one)
     * @throws PostgresUnavailableException naming every way tried and why each failed
     */
    public static PostgresServer start() {
        return start(ProviderSettings.fromEnvironment());
    }

    /**
     * Starts (or connects to) a server chosen by the chain under these settings.
     *
     * @param settings the chain's settings, e.g. {@code ProviderSettings.defaults().withMajorVersion(14)}
     * @return the server; close it to stop it (or to drop what it created on an external one)
     * @throws PostgresUnavailableException naming every way tried and why each failed
     */
    public static PostgresServer start(ProviderSettings settings) {
        return start(settings, () -> DockerProbe.probe(settings.dockerProbeTimeout()));
    }

    static PostgresServer start(ProviderSettings settings, Supplier<DockerProbe.Result> dockerProbe) {
        Optional<ProviderKind> forced = settings.forcedKind();
        List<String> attempts = new ArrayList<>();
        RuntimeException lastFailure = null;

        if (forced.map(kind -> kind == ProviderKind.EXTERNAL).orElse(settings.jdbcUrl().isPresent())) {
            String url = settings.jdbcUrl().orElseThrow();
            try {
                return PostgresServer.open(ExternalBackend.connect(url), settings);
            } catch (RuntimeException failed) {
                attempts.add("DEALS_PG_URL " + JdbcUrl.redact(url) + ": " + failed.getMessage());
                throw new PostgresUnavailableException(attempts, failed);
            }
        }
        attempts.add("DEALS_PG_URL: not set");

        if (forced.isEmpty() || forced.get() == ProviderKind.TESTCONTAINERS) {
            DockerProbe.Result docker = forced.isPresent()
                    ? new DockerProbe.Result(true, "forced by DEALS_PG_PROVIDER")
                    : dockerProbe.get();
            if (!docker.answered()) {
                attempts.add("Testcontainers: " + docker.detail());
            } else if (!testcontainersPresent()) {
                attempts.add("Testcontainers: Docker answered at " + docker.detail() + " but testcontainers-postgresql is not on the classpath");
            } else {
                try {
                    return PostgresServer.open(ContainerBackend.start(settings, testServerConfig(settings)), settings);
                } catch (RuntimeException | LinkageError failed) {
                    log.warn("Testcontainers did not start {}: {}", settings.dockerImage(), failed.toString());
                    attempts.add("Testcontainers (" + settings.dockerImage() + "): " + failed);
                    lastFailure = failed instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed);
                }
            }
        }

        if (forced.isEmpty() || forced.get() == ProviderKind.EMBEDDED) {
            try {
                return PostgresServer.open(EmbeddedBackend.start(settings, testServerConfig(settings)), settings);
            } catch (RuntimeException failed) {
                attempts.add("embedded PostgreSQL " + settings.majorVersion() + " (zonky): " + failed.getMessage());
                lastFailure = failed;
            }
        }
        throw new PostgresUnavailableException(attempts, lastFailure);
    }

    /** Settings for a server that exists only for tests: durability traded for speed. */
    private static Map<String, String> testServerConfig(ProviderSettings settings) {
        var config = new LinkedHashMap<String, String>();
        config.put("fsync", "off");
        config.put("synchronous_commit", "off");
        config.put("full_page_writes", "off");
        config.put("max_connections", "300");
        config.putAll(settings.serverConfig());
        return config;
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.postgresql.PostgreSQLContainer", false, PostgresProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
