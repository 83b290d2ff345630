package org.agenticdeals.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.agenticdeals.Deals;
import org.agenticdeals.DealsConfig;
import org.agenticdeals.postgres.ConnectionInfo;
import org.agenticdeals.postgres.PostgresDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One migrated, seeded database of its own, for one test (or one test class, or one harness run). Closing it
 * drops the database in the background.
 *
 * <p>Two ways in, as in production: {@link #dataSource()} and {@link #dsl()} connect as the non-superuser
 * application role, so row-level security applies (set {@code app.current_user_id} or the system context in
 * the transaction, as the services do); {@link #ownerDataSource()} and {@link #ownerDsl()} connect as the
 * owner, for assertions and set-up that must see every row (the owner is a superuser on servers the testkit
 * started, and subject to row-level security otherwise).
 */
public final class TestDatabase implements AutoCloseable {

    private final DealsTestkit testkit;
    private final PostgresDatabase database;
    private final SeedData seedData;
    private final DataSource ownerDataSource;
    private volatile HikariDataSource pool;
    private volatile Deals deals;
    private volatile boolean closed;

    TestDatabase(DealsTestkit testkit, PostgresDatabase database, SeedData seedData) {
        this.testkit = testkit;
        this.database = database;
        this.seedData = seedData;
        this.ownerDataSource = database.ownerDataSource();
    }

    /** {@return the database's name on the server} */
    public String name() {
        return database.name();
    }

    /** {@return the handles of the seeded rows} */
    public SeedData seedData() {
        return seedData;
    }

    /**
     * A connection pool (HikariCP, up to 20 connections, created on first use) connecting as the application
     * role: what a host's services would use.
     *
     * @return the pool, closed with the database
     */
    public DataSource dataSource() {
        HikariDataSource current = pool;
        if (current == null) {
            synchronized (this) {
                current = pool;
                if (current == null) {
                    ensureOpen();
                    current = new HikariDataSource(poolConfig(database.application()));
                    pool = current;
                }
            }
        }
        return current;
    }

    /** {@return jOOQ over {@link #dataSource()}}: the application role, under row-level security. */
    public DSLContext dsl() {
        return DSL.using(dataSource(), SQLDialect.POSTGRES);
    }

    /**
     * The library's entry point over {@link #dataSource()}, configured for tests: bcrypt cost
     * {@value SeedData#BCRYPT_COST} (the seeded users' cost), everything else at its default. Created on first use.
     *
     * @return the entry point
     */
    public Deals deals() {
        Deals current = deals;
        if (current == null) {
            synchronized (this) {
                current = deals;
                if (current == null) {
                    current = deals(UnaryOperator.identity());
                    deals = current;
                }
            }
        }
        return current;
    }

    /**
     * A new entry point over {@link #dataSource()} with the test defaults changed by {@code configuration}, for
     * example {@code builder -> builder.clock(fixedClock)}.
     *
     * @param configuration changes to the test defaults
     * @return a new entry point
     */
    public Deals deals(UnaryOperator<DealsConfig.Builder> configuration) {
        DealsConfig.Builder builder = DealsConfig.builder().dataSource(dataSource()).bcryptCost(SeedData.BCRYPT_COST);
        return Deals.create(configuration.apply(builder).build());
    }

    /** {@return an unpooled data source connecting as the owner of the database} */
    public DataSource ownerDataSource() {
        return ownerDataSource;
    }

    /** {@return jOOQ over {@link #ownerDataSource()}} */
    public DSLContext ownerDsl() {
        return DSL.using(ownerDataSource, SQLDialect.POSTGRES);
    }

    /** {@return factories for one more row than the seed has}, written as the owner in the system context. */
    public Fixtures fixtures() {
        return new Fixtures(ownerDataSource);
    }

    /** {@return the application role's credentials}, e.g. for a host's own pool. */
    public ConnectionInfo application() {
        return database.application();
    }

    /** {@return the owner's credentials} */
    public ConnectionInfo owner() {
        return database.owner();
    }

    /** Closes the pool and drops the database (in the background). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        HikariDataSource current = pool;
        if (current != null) {
            current.close();
        }
        testkit.release(database);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + database.name() + ", " + seedData.seed() + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private HikariConfig poolConfig(ConnectionInfo application) {
        var config = new HikariConfig();
        config.setPoolName("deals-test-" + database.name());
        config.setJdbcUrl(application.jdbcUrl());
        config.setUsername(application.user());
        config.setPassword(application.password());
        config.setMaximumPoolSize(20);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        return config;
    }
}
