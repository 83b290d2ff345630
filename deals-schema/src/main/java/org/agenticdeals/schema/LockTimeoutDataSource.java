package org.agenticdeals.schema;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands Flyway connections with {@code lock_timeout} set, and resets it when Flyway closes them, so a
 * host's pooled connection never keeps the migration's setting.
 */
final class LockTimeoutDataSource implements DataSource {

    private final DataSource delegate;
    private final long lockTimeoutMillis;

    LockTimeoutDataSource(DataSource delegate, Duration lockTimeout) {
        this.delegate = delegate;
        this.lockTimeoutMillis = lockTimeout.toMillis();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return withLockTimeout(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return withLockTimeout(delegate.getConnection(username, password));
    }

    private Connection withLockTimeout(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = " + lockTimeoutMillis);
        } catch (SQLException failed) {
            connection.close();
            throw failed;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0 && !connection.isClosed()) {
                        resetQuietly(connection);
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException thrown) {
                        throw thrown.getCause();
                    }
                });
    }

    private static void resetQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET lock_timeout");
            }
        } catch (SQLException brokenConnection) {
            // The pool validates or discards a broken connection itself.
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }
}
