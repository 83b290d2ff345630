package org.agenticdeals.schema;

/**
 * A migration, validation or undo could not be carried out. The message says which step failed and why;
 * the cause is Flyway's or the driver's exception ({@link java.sql.SQLException#getSQLState()} included).
 */
public final class SchemaMigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }

    SchemaMigrationException(String message) {
        super(message);
    }
}
