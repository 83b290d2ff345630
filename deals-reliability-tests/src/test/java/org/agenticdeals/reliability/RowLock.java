package org.agenticdeals.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.agenticdeals.testkit.TestDatabase;

/**
 * A lock held by another session, as a stuck transaction, a long migration or an operator's {@code psql} would hold it:
 * the owner's own connection opens a transaction, takes the lock and keeps it until {@link #close()} rolls back.
 */
final class RowLock implements AutoCloseable {

    private final Connection connection;

    private RowLock(Connection connection) {
        this.connection = connection;
    }

    /** Opens a transaction on a new owner connection and runs {@code sql} (a {@code SELECT … FOR UPDATE}, a {@code LOCK}) in it. */
    static RowLock hold(TestDatabase database, String sql, Object... parameters) throws SQLException {
        Connection connection = database.ownerDataSource().getConnection();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int index = 0; index < parameters.length; index++) {
                    statement.setObject(index + 1, parameters[index]);
                }
                statement.execute();
            }
            return new RowLock(connection);
        } catch (SQLException | RuntimeException failed) {
            connection.close();
            throw failed;
        }
    }

    /** Runs {@code action} while {@code sql} holds its lock in another session; releases the lock after. */
    static void whileHeld(TestDatabase database, String sql, Object[] parameters, Runnable action) throws SQLException {
        try (RowLock lock = hold(database, sql, parameters)) {
            action.run();
        }
    }

    /** Rolls back, releasing the lock. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
