package org.agenticdeals.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * PostgreSQL binaries unpacked by zonky under {@code java.io.tmpdir} and run as a child process. The data directory
 * is chosen here (not by zonky) and deleted here, so the server can be stopped and started again on it
 * ({@link #pause()}, {@link #resume()}).
 */
final class EmbeddedBackend implements Backend {

    private final EmbeddedBinaries binaries;
    private final Map<String, String> serverConfig;
    private final Path dataDirectory;
    private final int port;
    /** The running server; null while paused or after {@link #stop()}. Guarded by {@code this}. */
    private EmbeddedPostgres postgres;
    private boolean stopped;

    private EmbeddedBackend(EmbeddedBinaries binaries, Map<String, String> serverConfig, Path dataDirectory, EmbeddedPostgres postgres) {
        this.binaries = binaries;
        this.serverConfig = Map.copyOf(serverConfig);
        this.dataDirectory = dataDirectory;
        this.port = postgres.getPort();
        this.postgres = postgres;
    }

    static EmbeddedBackend start(ProviderSettings settings, Map<String, String> serverConfig) {
        EmbeddedBinaries binaries = EmbeddedBinaries.locate(settings.majorVersion(), settings.binariesDirectory());
        Path dataDirectory = DataDirectories.choose(settings.dataDirectoryParent());
        try {
            return new EmbeddedBackend(binaries, serverConfig, dataDirectory, launch(binaries, serverConfig, dataDirectory, 0));
        } catch (RuntimeException failed) {
            DataDirectories.delete(dataDirectory);
            throw failed;
        }
    }

    /** Starts a postmaster on {@code dataDirectory} (running initdb first if it holds no cluster); port 0: a free one. */
    private static EmbeddedPostgres launch(EmbeddedBinaries binaries, Map<String, String> serverConfig, Path dataDirectory, int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPgBinaryResolver(binaries)
                .setRegisterShutdownHook(false)
                // Kept when the postmaster stops, so it can start again on the same data; stop() deletes it.
                .setCleanDataDirectory(false)
                .setDataDirectory(dataDirectory)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60));
        serverConfig.forEach(builder::setServerConfig);
        try {
            return builder.start();
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
        return new ConnectionInfo("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "");
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
        return "embedded PostgreSQL on port " + port + " (" + binaries + ")";
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            shutDown();
        } finally {
            DataDirectories.delete(dataDirectory);
        }
    }

    @Override
    public boolean restartable() {
        return true;
    }

    @Override
    public synchronized boolean pause() {
        requireNotStopped();
        return shutDown();
    }

    @Override
    public synchronized boolean resume() {
        requireNotStopped();
        if (postgres != null) {
            return false;
        }
        postgres = launch(binaries, serverConfig, dataDirectory, port);
        return true;
    }

    private boolean shutDown() {
        EmbeddedPostgres running = postgres;
        postgres = null;
        if (running == null) {
            return false;
        }
        try {
            running.close();
        } catch (IOException stopFailed) {
            throw new UncheckedIOException(stopFailed);
        }
        return true;
    }

    private void requireNotStopped() {
        if (stopped) {
            throw new IllegalStateException(describe() + " is stopped for good");
        }
    }
}
