package org.agenticdeals.postgres;

import javax.sql.DataSource;

/**
 * One database created by a {@link PostgresServer} for one test, test class, example run or template.
 * {@link #close()} drops it (unless the settings keep databases).
 *
 * <p>Two ways in: {@link #owner()} is the administrator that owns the database (run migrations as it),
 * {@link #application()} is the server's non-superuser application role (run services as it).
 */
public final class PostgresDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;
    private final ConnectionInfo owner;
    private final ConnectionInfo application;

    PostgresDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.owner = server.admin(name);
        this.application = server.application(name);
    }

    /** {@return the database's name on the server} */
    public String name() {
        return name;
    }

    /** {@return the server this database lives on} */
    public PostgresServer server() {
        return server;
    }

    /** {@return the owner's credentials}: for migrations and administrative work. */
    public ConnectionInfo owner() {
        return owner;
    }

    /** {@return the application role's credentials}: what services should connect as, subject to row-level security. */
    public ConnectionInfo application() {
        return application;
    }

    /** {@return the application role's name} */
    public String applicationRole() {
        return application.user();
    }

    /** {@return a new unpooled data source connecting as the owner} */
    public DataSource ownerDataSource() {
        return owner.dataSource();
    }

    /** {@return a new unpooled data source connecting as the application role} */
    public DataSource applicationDataSource() {
        return application.dataSource();
    }

    /** Drops the database unless the settings keep databases. Idempotent. */
    @Override
    public void close() {
        if (!server.keepDatabases()) {
            server.dropDatabase(name);
        }
    }

    @Override
    public String toString() {
        return "PostgresDatabase[" + name + " on " + server.describe() + "]";
    }
}
