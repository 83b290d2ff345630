package org.agenticdeals.testkit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agenticdeals.postgres.PostgresDatabase;
import org.agenticdeals.postgres.PostgresProvider;
import org.agenticdeals.postgres.PostgresServer;
import org.agenticdeals.postgres.ProviderSettings;
import org.agenticdeals.schema.DealsSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh, migrated, seeded databases in milliseconds, for JUnit ({@link DealsDatabaseExtension}) and for any
 * other harness:
 *
 * <pre>{@code
 * try (DealsTestkit testkit = DealsTestkit.start();
 *      TestDatabase database = testkit.database(Seed.demo())) {
 *     DataSource dataSource = database.dataSource();
 *     …
 * }
 * }</pre>
 *
 * <p>How: the first request for a {@link Seed} migrates and seeds a template database (once per seed and
 * testkit); every database handed out afterwards is a copy of it ({@code CREATE DATABASE … TEMPLATE …}). A
 * background thread keeps a few copies made ahead per seed, so a test usually gets one without waiting, and
 * drops used databases. The server comes from the provider chain ({@code DEALS_PG_URL}, else Docker, else
 * embedded) and is tuned for tests only when the chain started it.
 *
 * <p>Thread-safe: parallel test classes each get their own databases.
 */
public final class DealsTestkit implements AutoCloseable {

    /** Copies made ahead per seed unless {@code deals.testkit.pool} says otherwise. */
    public static final int DEFAULT_POOL_SIZE = 2;

    private static final Logger log = LoggerFactory.getLogger(DealsTestkit.class);

    static {
        // Test output is for test results: no jOOQ banner (unless the host asked for it).
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }
    private static final int CLONE_ATTEMPTS = 5;
    private static DealsTestkit shared;

    private final PostgresServer server;
    private final int poolSize;
    private final Map<Seed, CompletableFuture<Template>> templates = new ConcurrentHashMap<>();
    private final ExecutorService background;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A seed's template database and the copies of it made ahead. */
    private record Template(Seed seed, PostgresDatabase database, SeedData data, BlockingQueue<PostgresDatabase> ready) {
    }

    private DealsTestkit(PostgresServer server, int poolSize) {
        this.server = server;
        this.poolSize = poolSize;
        this.background = Executors.newSingleThreadExecutor(task -> {
            var thread = new Thread(task, "deals-testkit-" + server.kind().name().toLowerCase(java.util.Locale.ROOT));
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A testkit with a server of its own from the provider chain's environment settings.
     *
     * @return a started testkit; close it
     */
    public static DealsTestkit start() {
        return start(ProviderSettings.fromEnvironment());
    }

    /**
     * A testkit with a server of its own from these settings; {@link #close()} stops or cleans the server.
     *
     * @param settings the provider chain's settings
     * @return a started testkit; close it
     */
    public static DealsTestkit start(ProviderSettings settings) {
        return start(settings, poolSizeFromProperty());
    }

    /**
     * A testkit with a server of its own that keeps {@code copiesAhead} databases per seed made ahead
     * (0 copies on demand only).
     *
     * @param settings the provider chain's settings
     * @param copiesAhead 0 to 32
     * @return a started testkit; close it
     */
    public static DealsTestkit start(ProviderSettings settings, int copiesAhead) {
        if (copiesAhead < 0 || copiesAhead > 32) {
            throw new IllegalArgumentException("copiesAhead must be between 0 and 32, was " + copiesAhead);
        }
        return new DealsTestkit(PostgresProvider.start(settings), copiesAhead);
    }

    /**
     * The testkit shared by every test class of this JVM (what {@link DealsDatabaseExtension} uses): one
     * server, started on first use and stopped when the JVM exits.
     *
     * @return the shared testkit
     */
    public static synchronized DealsTestkit shared() {
        if (shared == null || shared.closed.get()) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "deals-testkit-shutdown"));
        }
        return shared;
    }

    /** {@return the server databases are created on} */
    public PostgresServer server() {
        return server;
    }

    /**
     * A new database of its own, migrated and seeded with {@code seed}. The first call for a seed builds its
     * template (seconds for {@link Seed#demo()}, up to a minute for a million deals); later calls copy it.
     *
     * @param seed what to seed it with
     * @return the database; close it to drop it
     */
    public TestDatabase database(Seed seed) {
        ensureOpen();
        Template template = template(seed);
        PostgresDatabase database = template.ready().poll();
        if (database == null) {
            database = copy(template);
        }
        background.execute(() -> refill(template));
        return new TestDatabase(this, database, template.data());
    }

    /**
     * Builds the template of {@code seed} now (and starts copying it), so the first test does not wait.
     *
     * @param seed the seed
     */
    public void prepare(Seed seed) {
        template(seed);
    }

    /**
     * The handles of {@code seed}'s rows, without creating a database.
     *
     * @param seed the seed
     * @return the handles its rows will have
     */
    public static SeedData seedData(Seed seed) {
        return new SeedGenerator(seed).data();
    }

    void release(PostgresDatabase database) {
        if (closed.get()) {
            return;
        }
        try {
            background.execute(() -> dropQuietly(database));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            dropQuietly(database);
        }
    }

    private Template template(Seed seed) {
        var mine = new CompletableFuture<Template>();
        CompletableFuture<Template> existing = templates.putIfAbsent(seed, mine);
        if (existing != null) {
            try {
                return existing.join();
            } catch (CompletionException failed) {
                throw new IllegalStateException("building the template for " + seed + " failed", failed.getCause());
            }
        }
        try {
            Template template = buildTemplate(seed);
            mine.complete(template);
            background.execute(() -> refill(template));
            return template;
        } catch (RuntimeException failed) {
            templates.remove(seed, mine);
            mine.completeExceptionally(failed);
            throw failed;
        }
    }

    private Template buildTemplate(Seed seed) {
        long started = System.nanoTime();
        PostgresDatabase database = server.createDatabase("deals_tpl_" + seed.label());
        try {
            DealsSchema.builder(database.ownerDataSource()).applicationRole(database.applicationRole()).build().migrate();
            SeedData data;
            try (Connection connection = database.ownerDataSource().getConnection()) {
                data = new SeedGenerator(seed).write(connection);
                try (Statement statement = connection.createStatement()) {
                    // Statistics and visibility information travel with every copy.
                    statement.execute("VACUUM (ANALYZE)");
                }
            }
            // No connection may be open to a template while it is copied; this keeps stray ones out.
            try (Connection admin = server.admin().dataSource().getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("ALTER DATABASE " + database.name() + " WITH ALLOW_CONNECTIONS false");
            }
            log.info("template {} for {} ready in {} ms", database.name(), seed, (System.nanoTime() - started) / 1_000_000);
            return new Template(seed, database, data, new LinkedBlockingQueue<>());
        } catch (SQLException | IOException | RuntimeException failed) {
            dropQuietly(database);
            throw new IllegalStateException("building the template for " + seed + " failed: " + failed.getMessage(), failed);
        }
    }

    private PostgresDatabase copy(Template template) {
        for (int attempt = 1; ; attempt++) {
            try {
                return server.createDatabaseFromTemplate("deals_test", template.database().name());
            } catch (IllegalStateException failed) {
                // 55006: something (autovacuum, an anti-wraparound worker) touched the template; try again.
                if (attempt == CLONE_ATTEMPTS || !String.valueOf(failed.getMessage()).contains("being accessed by other users")) {
                    throw failed;
                }
                sleep(20L * attempt);
            }
        }
    }

    private void refill(Template template) {
        while (!closed.get() && template.ready().size() < poolSize) {
            try {
                template.ready().add(copy(template));
            } catch (RuntimeException failed) {
                log.warn("making a copy of {} ahead failed: {}", template.database().name(), failed.getMessage());
                return;
            }
        }
    }

    private void dropQuietly(PostgresDatabase database) {
        try {
            database.close();
        } catch (RuntimeException failed) {
            log.warn("dropping {} failed: {}", database.name(), failed.getMessage());
        }
    }

    /**
     * Stops the background work, drops every database this testkit made (templates included) and stops the
     * server if the provider chain started it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the testkit is closed");
        }
    }

    private static int poolSizeFromProperty() {
        String value = System.getProperty("deals.testkit.pool");
        if (value == null) {
            return DEFAULT_POOL_SIZE;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size < 0 || size > 32) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException malformed) {
            throw new IllegalArgumentException("deals.testkit.pool must be a whole number from 0 to 32, was '" + value + "'");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }
}
