package org.agenticdeals.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** PostgreSQL binaries unpacked by zonky under {@code java.io.tmpdir} and run as a child process. */
final class EmbeddedBackend implements Backend {

    private final EmbeddedPostgres postgres;
    private final EmbeddedBinaries binaries;

    private EmbeddedBackend(EmbeddedPostgres postgres, EmbeddedBinaries binaries) {
        this.postgres = postgres;
        this.binaries = binaries;
    }

    static EmbeddedBackend start(ProviderSettings settings, Map<String, String> serverConfig) {
        EmbeddedBinaries binaries = EmbeddedBinaries.locate(settings.majorVersion(), settings.binariesDirectory());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPgBinaryResolver(binaries)
                .setRegisterShutdownHook(false)
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60));
        DataDirectories.choose(settings.dataDirectoryParent()).ifPresent(builder::setDataDirectory);
        serverConfig.forEach(builder::setServerConfig);
        try {
            return new EmbeddedBackend(builder.start(), binaries);
        } catch (IOException startFailed) {
            throw new UncheckedIOException("embedded PostgreSQL (" + binaries + ") did not start: " + startFailed.getMessage(), startFailed);
        }
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.EMBEDDED;
    }

    @Override
    public ConnectionInfo admin(String database) {
        return new ConnectionInfo("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "postgres", "");
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public boolean startedByProvider() {
        return true;
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL on port " + postgres.getPort() + " (" + binaries + ")";
    }

    @Override
    public void stop() {
        try {
            postgres.close();
        } catch (IOException stopFailed) {
            throw new UncheckedIOException(stopFailed);
        }
    }
}
