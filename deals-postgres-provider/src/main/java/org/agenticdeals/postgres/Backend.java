package org.agenticdeals.postgres;

/** One running server behind a {@link PostgresServer}: how to reach it as its administrator, and how to stop it. */
sealed interface Backend permits ExternalBackend, ContainerBackend, EmbeddedBackend {

    ProviderKind kind();

    /** An administrator (superuser, or a role with CREATEDB and CREATEROLE) connected to {@code database}. */
    ConnectionInfo admin(String database);

    /** The database administrative statements connect to. */
    String maintenanceDatabase();

    /** Whether this JVM started the server (and so may tune it and must stop it). */
    boolean startedByProvider();

    /** A one-line description for logs, never with a password. */
    String describe();

    /** Stops the server if {@link #startedByProvider()}; otherwise does nothing. */
    void stop();

    /** Whether {@link #pause()} and {@link #resume()} can take the server down and bring it back. */
    default boolean restartable() {
        return false;
    }

    /** Stops the server process, keeping its data directory and port for {@link #resume()}; false if it was stopped. */
    default boolean pause() {
        throw new UnsupportedOperationException(describe() + " cannot be stopped and started again");
    }

    /** Starts the server {@link #pause()} stopped, on the same port with the same data; false if it was running. */
    default boolean resume() {
        throw new UnsupportedOperationException(describe() + " cannot be stopped and started again");
    }
}
